import type { DatabaseSync } from 'node:sqlite'

/**
 * Numbered schema migrations (STYLE.md: Icalingua's `0to1`, `1to2`): migration i takes the
 * database from user_version i to i+1. Append only; never edit a released one.
 */
export const MIGRATIONS: ReadonlyArray<(db: DatabaseSync) => void> = [
  // 0 → 1: messages, full-text index, conversations.
  (db) => {
    db.exec(`
      CREATE TABLE messages (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        id          TEXT NOT NULL UNIQUE,
        conv_kind   TEXT NOT NULL,
        conv_key    TEXT NOT NULL,
        direction   TEXT NOT NULL CHECK (direction IN ('in', 'out')),
        sender_key  TEXT,
        sender_uin  TEXT,
        sender_name TEXT,
        time        INTEGER NOT NULL,
        segments    TEXT NOT NULL,
        text        TEXT NOT NULL,
        status      TEXT NOT NULL,
        error       TEXT,
        dedupe      TEXT UNIQUE,
        wire_msg_id INTEGER,
        attempts    INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX messages_by_conversation ON messages (conv_kind, conv_key, time, seq);
      CREATE INDEX messages_outbox ON messages (status) WHERE status IN ('queued', 'sending');
      CREATE VIRTUAL TABLE messages_fts USING fts5 (text, content = 'messages', content_rowid = 'seq', tokenize = 'trigram');
      CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
        INSERT INTO messages_fts (rowid, text) VALUES (new.seq, new.text);
      END;
      CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
        INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.seq, old.text);
      END;
      CREATE TABLE conversations (
        kind        TEXT NOT NULL,
        key         TEXT NOT NULL,
        title       TEXT NOT NULL DEFAULT '',
        face        INTEGER NOT NULL DEFAULT 0,
        last_time   INTEGER NOT NULL DEFAULT 0,
        unread      INTEGER NOT NULL DEFAULT 0,
        draft       TEXT NOT NULL DEFAULT '',
        pinned      INTEGER NOT NULL DEFAULT 0,
        muted       INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (kind, key)
      );
    `)
  },
  // 1 → 2: one stored order per conversation (history-store.ts), paged by keyset on it; the
  // service's `time` of a received message as it came (it is not always believed, poll-items.ts).
  // Rows so far keep the order they were written in, which was the order they happened here.
  (db) => {
    db.exec(`
      ALTER TABLE messages ADD COLUMN ord INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE messages ADD COLUMN server_time TEXT;
      UPDATE messages SET ord = seq;
      CREATE UNIQUE INDEX messages_order ON messages (ord);
      CREATE INDEX messages_by_order ON messages (conv_kind, conv_key, ord);
    `)
  },
  // 2 → 3: the media cache's index (media/<2 hex>/<sha-256>, media-cache.ts; `last_used` is an
  // increasing counter, the LRU order) and the pictures of stored messages still to fetch: the
  // wire parameters of each (§7.1, §7.2), so a restart can fetch them when their message is read.
  (db) => {
    db.exec(`
      CREATE TABLE media (
        hash      TEXT PRIMARY KEY,
        mime      TEXT NOT NULL,
        size      INTEGER NOT NULL,
        width     INTEGER NOT NULL,
        height    INTEGER NOT NULL,
        last_used INTEGER NOT NULL
      );
      CREATE INDEX media_by_use ON media (last_used);
      CREATE TABLE media_sources (
        message_id TEXT NOT NULL,
        idx        INTEGER NOT NULL,
        source     TEXT NOT NULL,
        PRIMARY KEY (message_id, idx)
      );
    `)
  },
  // 3 → 4: files offered to the account (§7.3, files/transfer-store.ts). `temp_name` is the
  // partial file in the download folder while receiving (removed when a restart finds it).
  (db) => {
    db.exec(`
      CREATE TABLE file_transfers (
        id           TEXT PRIMARY KEY,
        conv_kind    TEXT NOT NULL,
        conv_key     TEXT NOT NULL,
        peer_uin     TEXT NOT NULL,
        lcid         INTEGER NOT NULL,
        name         TEXT NOT NULL,
        size         INTEGER,
        state        TEXT NOT NULL,
        received     INTEGER NOT NULL DEFAULT 0,
        saved_name   TEXT,
        temp_name    TEXT,
        error        TEXT,
        cancelled_by TEXT,
        offered_at   INTEGER NOT NULL,
        updated_at   INTEGER NOT NULL
      );
      CREATE INDEX file_transfers_by_conversation ON file_transfers (conv_kind, conv_key, offered_at);
      CREATE INDEX file_transfers_by_peer ON file_transfers (peer_uin, lcid);
    `)
  },
  // 4 → 5: someone @-mentioned me since I last read it; taken off the recent list (the history
  // stays; the next message brings it back).
  (db) => {
    db.exec(`
      ALTER TABLE conversations ADD COLUMN mentioned INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE conversations ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
    `)
  },
]

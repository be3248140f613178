import { randomInt } from 'node:crypto'

/**
 * The opaque per-login ids of §2.4: friend and member uins, group gids and codes. The real
 * service re-assigned them at every login (clients that persisted them broke), so each web
 * login gets a fresh map. Many are above 2^32 (§9 item 26) to catch int32 bugs. Discussion
 * dids are kept stable (nothing in the sources says they changed).
 */
export class IdMap {
  private readonly used = new Set<string>()
  private readonly toUin = new Map<string, string>()
  private readonly fromUin = new Map<string, string>()
  private readonly toGid = new Map<string, string>()
  private readonly fromGid = new Map<string, string>()
  private readonly toCode = new Map<string, string>()
  private readonly fromCode = new Map<string, string>()

  /** @param selfQq the account: its own uin is its QQ number (SmartQQ, §3.7). */
  constructor(private readonly selfQq: string) {
    this.toUin.set(selfQq, selfQq)
    this.fromUin.set(selfQq, selfQq)
    this.used.add(selfQq)
  }

  private fresh(): string {
    for (;;) {
      // 10–11 digits: roughly 40 % below 2^32, the rest above.
      const id = String(randomInt(1_000_000_000, 99_999_999_999))
      if (!this.used.has(id)) {
        this.used.add(id)
        return id
      }
    }
  }

  private assign(to: Map<string, string>, from: Map<string, string>, key: string): string {
    let id = to.get(key)
    if (!id) {
      id = this.fresh()
      to.set(key, id)
      from.set(id, key)
    }
    return id
  }

  uin(qq: string): string {
    return this.assign(this.toUin, this.fromUin, qq)
  }
  qqOf(uin: string | undefined): string | undefined {
    return uin === undefined ? undefined : this.fromUin.get(uin)
  }

  gid(groupNumber: string): string {
    return this.assign(this.toGid, this.fromGid, groupNumber)
  }
  groupOfGid(gid: string | undefined): string | undefined {
    return gid === undefined ? undefined : this.fromGid.get(gid)
  }

  code(groupNumber: string): string {
    return this.assign(this.toCode, this.fromCode, groupNumber)
  }
  groupOfCode(code: string | undefined): string | undefined {
    return code === undefined ? undefined : this.fromCode.get(code)
  }

  get self(): string {
    return this.selfQq
  }

  /** What the map handed out, to be kept across a restart (persist.ts). */
  entries(): SavedIds {
    return { uins: [...this.toUin], gids: [...this.toGid], codes: [...this.toCode] }
  }

  /** A map that answers as a saved one did. */
  static from(selfQq: string, saved: SavedIds): IdMap {
    const m = new IdMap(selfQq)
    const load = (pairs: Array<[string, string]>, to: Map<string, string>, from: Map<string, string>) => {
      for (const [key, id] of pairs) {
        to.set(key, id)
        from.set(id, key)
        m.used.add(id)
      }
    }
    load(saved.uins, m.toUin, m.fromUin)
    load(saved.gids, m.toGid, m.fromGid)
    load(saved.codes, m.toCode, m.fromCode)
    return m
  }
}

/** An IdMap as saved: (QQ number or group number, id) pairs. */
export interface SavedIds {
  uins: Array<[string, string]>
  gids: Array<[string, string]>
  codes: Array<[string, string]>
}

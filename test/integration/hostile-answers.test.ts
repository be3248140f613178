import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { ContactService } from '../../electron/engine/contacts/contact-service'
import { sessionKey } from '../../electron/engine/contacts/identity'
import { EngineError } from '../../electron/engine/errors'
import { HistoryStore } from '../../electron/engine/history/history-store'
import { HttpClient } from '../../electron/engine/http/client'
import { emulatorProfile } from '../../electron/engine/http/profile'
import { Logger } from '../../electron/engine/log'
import { Dispatcher } from '../../electron/engine/messages/dispatcher'
import { SessionPeers } from '../../electron/engine/messages/session-peers'
import { PollLoop } from '../../electron/engine/poll/poll-loop'
import { Session } from '../../electron/engine/session'
import { commands } from '../../electron/ipc/contract'
import type { ContactsSnapshot } from '../../electron/model'
import { FAST, eventually, tempDir } from '../support/client'

/**
 * Issue 8: contact lists, member lists and poll2 items whose ids and times are not what the
 * protocol promises (2^53 + 1, 2^64, 1e308, -1, 1.5, "abc", null, objects, arrays) and whose
 * fields have the wrong JSON types. The engine runs against this test's own server (every
 * *.qq.com name points at it): each answer loads its good entries, leaves out the bad ones and
 * says so in the log, or fails only its own part as `malformed`; nothing escapes, and the next
 * call works.
 */

const SELF = 10001
/** Id values as they stand in the answer's JSON text. The first two are ids (kept, every digit); the rest are not. */
const BIG_IDS = ['9007199254740993', '18446744073709551616']
const NOT_IDS = ['1e308', '-1', '1.5', '"abc"', 'null', '{}', '[]', 'true', '"１２３"']

/** Answer bodies by path, as JSON text (so 2^64 and 1e308 reach the engine as written). */
let answers: Map<string, string>
let server: Server
let session: Session
let warnings: string[]
let logger: Logger

const ok = (result: string) => `{"retcode":0,"result":${result}}`
const GOOD: Record<string, string> = {
  '/api/get_self_info2': ok(`{"uin":${SELF},"nick":"me","face":0,"gender":"","country":"","province":"","city":"","lnick":"","birthday":{}}`),
  '/api/get_user_friends2': ok(`{"friends":[{"uin":1001,"categories":0}],"info":[{"uin":1001,"nick":"Good","face":1}],"marknames":[],"categories":[],"vipinfo":[]}`),
  '/api/get_group_name_list_mask2': ok(`{"gmasklist":[],"gnamelist":[{"gid":2001,"code":3001,"name":"Room"}],"gmarklist":[]}`),
  '/api/get_discus_list': ok(`{"dnamelist":[{"did":4001,"name":"Talk"}]}`),
  '/channel/get_online_buddies2': ok(`[{"uin":1001,"status":"online","client_type":1}]`),
  '/channel/get_recent_list2': ok(`[]`),
  '/api/get_group_info_ext2': ok(
    `{"ginfo":{"gid":2001,"code":3001,"name":"Room","memo":"","owner":1001,"level":0,"createtime":0,"face":0,"members":[{"muin":1001,"mflag":0}]},"minfo":[{"uin":1001,"nick":"Good","gender":"male","province":"","city":"","country":""}],"stats":[],"cards":[],"vipinfo":[]}`,
  ),
  '/channel/get_discu_info': ok(`{"info":{"did":4001,"discu_name":"Talk","discu_owner":1001,"mem_list":[{"mem_uin":1001,"ruin":123456}]},"mem_status":[],"mem_info":[{"uin":1001,"nick":"Good"}]}`),
  '/channel/poll2': '{"retcode":102,"errmsg":""}',
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' })
    res.end(answers.get(path) ?? '{"retcode":404}')
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const port = (server.address() as AddressInfo).port
  logger = new Logger((level, msg) => {
    if (level === 'warn') warnings.push(msg)
  })
  const http = new HttpClient(emulatorProfile({ address: '127.0.0.1', httpPort: port }), { logger, timeoutMs: 2000 })
  session = new Session(http, { uin: String(SELF), ptwebqq: 'p', vfwebqq: 'v', psessionid: 's', clientid: 53999199 }, { qq: String(SELF), nick: 'me', status: 'online' })
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((r) => server.close(r))
})
beforeEach(() => {
  answers = new Map(Object.entries(GOOD))
  warnings = []
})

/** Every number the engine holds is a safe integer, every id decimal digits, every name a string. */
function expectWellTyped(snap: ContactsSnapshot): void {
  for (const f of snap.friends) {
    expect(f.uin).toMatch(/^\d+$/)
    expect(typeof f.nick).toBe('string')
    expect(typeof f.displayName).toBe('string')
    for (const n of [f.face, f.category, f.vipLevel]) expect(Number.isSafeInteger(n), `${f.uin}: ${n}`).toBe(true)
  }
  for (const c of snap.categories) expect(Number.isSafeInteger(c.index) && Number.isSafeInteger(c.sort)).toBe(true)
  for (const g of snap.groups) expect([g.gid, g.code]).toEqual([expect.stringMatching(/^\d+$/), expect.stringMatching(/^\d+$/)])
  for (const d of snap.discussions) expect(d.did).toMatch(/^\d+$/)
}

describe('hostile contact answers', () => {
  it('friends: entries with unusable uins are left out and counted in the log, ids beyond 2^53 keep every digit, wrong-typed fields fall back, and the login goes on', async () => {
    const bad = [...BIG_IDS, ...NOT_IDS]
    answers.set(
      '/api/get_user_friends2',
      ok(`{
        "friends":[{"uin":1001,"categories":0},${bad.map((u) => `{"uin":${u},"categories":0}`).join(',')},"x",42,
          {"uin":1002,"categories":{}},{"uin":1003,"categories":1.5,"flag":"odd"},{"uin":1004,"categories":1e308}],
        "info":[{"uin":1001,"nick":"Good","face":1},${bad.map((u) => `{"uin":${u},"nick":"n","face":0}`).join(',')},
          {"uin":1002,"nick":12345,"face":"abc"},{"uin":1003,"nick":["a"],"face":1e308}],
        "marknames":[{"uin":1001,"markname":"Mark"},{"uin":1e308,"markname":"x"}],
        "categories":[{"index":1,"name":"Cat"},{"index":1.5,"name":"bad"},{"index":"abc"},{"index":2,"sort":"z","name":{}}],
        "vipinfo":[{"u":1001,"vip_level":1e308,"is_vip":null}]}`),
    )
    const contacts = new ContactService(session, logger)
    const snap = await contacts.load()
    expect(snap.failures).toEqual([])
    expect(snap.friends.map((f) => f.uin)).toEqual(['1001', ...BIG_IDS, '1002', '1003', '1004'])
    expectWellTyped(snap)
    expect(snap.friends[0]).toMatchObject({ nick: 'Good', markname: 'Mark', displayName: 'Mark', face: 1, vipLevel: 0, status: 'online' })
    // A nick that is not a string is no nick: the number stands in (UX.md point 6), and 1004 has no info at all.
    expect(snap.friends.slice(3).map((f) => [f.nick, f.displayName, f.face, f.category])).toEqual([
      ['', '1002', 0, 0],
      ['', '1003', 0, 0],
      ['', '1004', 0, 0],
    ])
    expect(snap.categories.map((c) => [c.index, c.name])).toEqual([
      [0, ''],
      [1, 'Cat'],
      [2, ''],
    ])
    // 9 + 2 friends, 9 info, 1 markname, 2 categories.
    expect(warnings).toContain('contacts: friends: left out 23 entries that did not fit')
    expect(snap.groups.map((g) => g.name)).toEqual(['Room'])
    expect(snap.self?.nick).toBe('me')
  })

  it('a 100 KB nick, remark or group name still makes a conversation key the contract accepts', async () => {
    const huge = 'W'.repeat(100 * 1024)
    answers.set('/api/get_user_friends2', ok(`{"friends":[{"uin":1001},{"uin":1002}],"info":[{"uin":1001,"nick":"${huge}"},{"uin":1002,"nick":"n"}],"marknames":[{"uin":1002,"markname":"${'W'.repeat(199)}😀${huge}"}]}`))
    answers.set('/api/get_group_name_list_mask2', ok(`{"gnamelist":[{"gid":2001,"code":3001,"name":"${huge}"}]}`))
    const snap = await new ContactService(session, logger).load()
    expect(snap.friends.map((f) => f.nick.length)).toEqual([huge.length, 1])
    const refs = [...snap.friends.map((f) => ({ kind: 'friend', key: f.key })), { kind: 'group', key: snap.groups[0]!.key }, { kind: 'session', key: sessionKey(snap.groups[0]!.key, huge) }]
    for (const conversation of refs) {
      expect(commands['history.page'].args.safeParse({ conversation }).success, conversation.key.slice(0, 12)).toBe(true)
      expect((conversation.key as string & { isWellFormed(): boolean }).isWellFormed()).toBe(true)
    }
  })

  it('a list or a result of the wrong JSON type fails only its own part, malformed; the other parts load and a retry loads it', async () => {
    answers.set('/api/get_user_friends2', ok(`{"friends":{"uin":1001},"info":[],"marknames":[],"categories":[],"vipinfo":[]}`))
    answers.set('/api/get_group_name_list_mask2', ok(`[{"gid":2001,"code":3001,"name":"Room"}]`))
    answers.set('/api/get_discus_list', ok(`{"dnamelist":"Talk"}`))
    answers.set('/api/get_self_info2', ok(`{"uin":"abc","nick":"me"}`))
    answers.set('/channel/get_online_buddies2', ok(`{"uin":1001}`))
    const contacts = new ContactService(session, logger)
    const snap = await contacts.load()
    expect(snap.failures.map((f) => [f.part, f.error.kind]).sort()).toEqual([
      ['discussions', 'malformed'],
      ['friends', 'malformed'],
      ['groups', 'malformed'],
      ['online', 'malformed'],
      ['self', 'malformed'],
    ])
    expect(snap.loading).toEqual([])
    expect(snap.recent).toEqual([])

    answers = new Map(Object.entries(GOOD))
    for (const part of ['friends', 'groups', 'discussions', 'self'] as const) expect(await contacts.retry(part), part).toBe(true)
    const after = contacts.snapshot
    expect(after.failures).toEqual([])
    expect([after.friends.map((f) => f.displayName), after.groups.map((g) => g.name), after.discussions.map((d) => d.name), after.self?.nick]).toEqual([['Good'], ['Room'], ['Talk'], 'me'])
  })

  it('groups, discussions, presence and the recent list: entries with unusable ids are left out, the rest resolve', async () => {
    const badIds = NOT_IDS.join(',')
    answers.set(
      '/api/get_group_name_list_mask2',
      ok(`{"gmasklist":[{"gid":2001,"mask":2},{"gid":1e308,"mask":1},{"gid":${BIG_IDS[1]},"mask":"x"}],
        "gnamelist":[{"gid":2001,"code":3001,"name":"Room"},{"gid":${BIG_IDS[1]},"code":${BIG_IDS[0]},"name":7},
          ${NOT_IDS.map((g) => `{"gid":${g},"code":3002,"name":"bad gid"}`).join(',')},
          ${NOT_IDS.map((c) => `{"gid":2003,"code":${c},"name":"bad code"}`).join(',')}],
        "gmarklist":[{"uin":2001,"markname":["x"]},{"uin":-1,"markname":"y"}]}`),
    )
    answers.set('/api/get_discus_list', ok(`{"dnamelist":[{"did":4001,"name":"Talk"},{"did":${BIG_IDS[0]},"name":null},${NOT_IDS.map((d) => `{"did":${d},"name":"bad"}`).join(',')}]}`))
    answers.set(
      '/channel/get_online_buddies2',
      ok(`[{"uin":1001,"status":42,"client_type":"abc"},${NOT_IDS.map((u) => `{"uin":${u},"status":"online"}`).join(',')}]`),
    )
    answers.set(
      '/channel/get_recent_list2',
      ok(`[{"type":0,"uin":1001},{"type":1.5,"uin":1001},{"type":1,"uin":2001},{"type":0,"uin":"abc"},{"type":2,"uin":4001},${badIds.split(',').map((u) => `{"type":0,"uin":${u}}`).join(',')},{"type":null,"uin":4001}]`),
    )
    const contacts = new ContactService(session, logger)
    const snap = await contacts.load()
    expect(snap.failures).toEqual([])
    expectWellTyped(snap)
    expect(snap.groups.map((g) => [g.gid, g.code, g.name, g.displayName, g.mask])).toEqual([
      ['2001', '3001', 'Room', 'Room', 2],
      [BIG_IDS[1], BIG_IDS[0], '', BIG_IDS[1], 0],
    ])
    expect(snap.discussions.map((d) => [d.did, d.displayName])).toEqual([
      ['4001', 'Talk'],
      [BIG_IDS[0], BIG_IDS[0]],
    ])
    // A status that is not a status name is offline; a client type that is no number, unknown.
    expect(snap.friends.map((f) => [f.uin, f.status, f.client])).toEqual([['1001', 'offline', 'unknown']])
    expect(snap.recent.map((r) => r.kind)).toEqual(['friend', 'group', 'discussion'])
    expect(warnings).toEqual(
      expect.arrayContaining([
        'contacts: groups: left out 20 entries that did not fit',
        `contacts: discussions: left out ${NOT_IDS.length} entries that did not fit`,
        `contacts: online: left out ${NOT_IDS.length} entries that did not fit`,
        `contacts: recent: left out ${NOT_IDS.length + 3} entries that did not fit`,
      ]),
    )
  })

  it('group members and discussion members: unusable entries left out, an odd owner ignored, a details answer of the wrong shape malformed, and the next load works', async () => {
    const contacts = new ContactService(session, logger)
    await contacts.load()
    const room = contacts.snapshot.groups[0]!.key
    const talk = contacts.snapshot.discussions[0]!.key
    answers.set(
      '/api/get_group_info_ext2',
      ok(`{"ginfo":{"gid":2001,"code":3001,"name":"Room","memo":{"x":1},"owner":"abc","level":1e308,"createtime":-1.5,"face":0,
          "members":[{"muin":1001,"mflag":1},${NOT_IDS.map((u) => `{"muin":${u},"mflag":0}`).join(',')},{"muin":1005,"mflag":"x"},{"muin":${BIG_IDS[1]}}]},
        "minfo":[{"uin":1001,"nick":"Good","gender":1},{"uin":1005,"nick":{"a":1}},{"uin":"abc","nick":"bad"}],
        "stats":[{"uin":1001,"stat":1.5},{"uin":1005,"stat":10,"client_type":1}],
        "cards":[{"muin":1001,"card":7},{"muin":1005,"card":"Card"},{"muin":null,"card":"x"}],
        "vipinfo":[{"u":1001,"vip_level":"9999999999999999999999"}]}`),
    )
    const group = await contacts.groupDetails(room)
    expect(group.members.map((m) => [m.uin, m.displayName, m.role, m.status])).toEqual([
      ['1001', 'Good', 'admin', 'offline'],
      ['1005', 'Card', 'member', 'online'],
      [BIG_IDS[1], BIG_IDS[1], 'member', 'offline'],
    ])
    expect([group.memo, group.level, group.createTime, group.members[0]!.vipLevel, group.members[0]!.gender]).toEqual(['', 0, 0, 0, ''])
    expect(warnings).toContain(`contacts: group members: left out ${NOT_IDS.length + 3} entries that did not fit`)

    answers.set(
      '/channel/get_discu_info',
      ok(`{"info":{"did":4001,"discu_name":"Talk","discu_owner":1e308,"mem_list":[{"mem_uin":1001,"ruin":-1},${NOT_IDS.map((u) => `{"mem_uin":${u}}`).join(',')},{"mem_uin":1006,"ruin":654321}]},
        "mem_status":[{"uin":1006,"status":"busy","client_type":[]},{"uin":[],"status":"online"}],"mem_info":[{"uin":1006,"nick":"Six"},{"uin":1001,"nick":null}]}`),
    )
    const talkDetails = await contacts.discussionDetails(talk)
    expect(talkDetails.ownerUin).toBe('')
    expect(talkDetails.members.map((m) => [m.uin, m.qq, m.displayName, m.status])).toEqual([
      ['1001', undefined, '1001', 'offline'],
      ['1006', '654321', 'Six', 'busy'],
    ])

    // The wrong shape: ginfo an array, info missing.
    answers.set('/api/get_group_info_ext2', ok(`{"ginfo":[],"minfo":[]}`))
    answers.set('/channel/get_discu_info', ok(`[]`))
    for (const p of [contacts.groupDetails(room, { refresh: true }), contacts.discussionDetails(talk, { refresh: true })]) {
      const err = await p.then(() => undefined, (e: unknown) => e)
      expect(err).toBeInstanceOf(EngineError)
      expect((err as EngineError).kind).toBe('malformed')
    }
    answers = new Map(Object.entries(GOOD))
    expect((await contacts.groupDetails(room)).members.map((m) => m.role)).toEqual(['owner'])
    expect((await contacts.discussionDetails(talk)).ownerUin).toBe('1001')
  })
})

describe('hostile poll2 items', () => {
  it('items with unusable sender ids are left out and logged, unusable times become the receive time, and no two messages share a dedupe key: history holds every one that fits', async () => {
    const contacts = new ContactService(session, logger)
    await contacts.load()
    const history = HistoryStore.open(join(tempDir(), 'history.sqlite'), logger)
    const dispatcher = new Dispatcher(() => String(SELF), contacts, history, new SessionPeers(contacts), logger)
    const msg = (fields: string, text: string) => `{"poll_type":"message","value":{"to_uin":${SELF},"msg_type":0,${fields},"content":[["font",{}],"${text}"]}}`
    const T = 1450686775
    const good = [
      // ids beyond 2^53 that a double cannot tell apart: two messages, not one.
      msg(`"msg_id":18446744073709551616,"from_uin":1001,"time":${T}`, 'big id A'),
      msg(`"msg_id":18446744073709551617,"from_uin":1001,"time":${T}`, 'big id B'),
      msg(`"msg_id":9007199254740992,"from_uin":1001,"time":${T}`, 'id 2^53'),
      msg(`"msg_id":9007199254740993,"from_uin":1001,"time":${T}`, 'id 2^53+1'),
      ...['1e308', '-1', '1.5', '"abc"', 'null', '{}', '[]', '9007199254740993', '18446744073709551616'].map((t, i) => msg(`"msg_id":${100 + i},"from_uin":1001,"time":${t}`, `odd time ${t.replace(/"/g, '')}`)),
      msg(`"msg_id":1e308,"from_uin":1001,"time":${T}`, 'msg_id 1e308'),
      msg(`"msg_id":"abc","from_uin":1001,"time":${T}`, 'msg_id abc'),
      msg(`"msg_id":[],"from_uin":1001,"time":${T}`, 'msg_id []'),
      msg(`"from_uin":${BIG_IDS[1]},"msg_id":1,"time":${T}`, 'stranger with a big uin'),
    ]
    const bad = [...NOT_IDS.map((u, i) => msg(`"msg_id":${200 + i},"from_uin":${u},"time":${T}`, 'bad sender')), '"x"', '[]', 'null', '{"poll_type":7}', '{"poll_type":"group_message","value":[]}']
    answers.set('/channel/poll2', `{"retcode":0,"result":[${[...good, ...bad].join(',')}]}`)
    const loop = new PollLoop(session, { relogin: async () => undefined }, logger, FAST.poll)
    loop.on('events', (events) => void dispatcher.handle(events))
    loop.start()
    try {
      await eventually(() => warnings.find((w) => w.startsWith('poll2:')), 5000, 'the poll to be read')
      answers.set('/channel/poll2', GOOD['/channel/poll2']!)
      await dispatcher.settled()
      expect(warnings).toContain(`poll2: left out ${bad.length} item(s) that did not fit`)
      const conv = { kind: 'friend' as const, key: contacts.snapshot.friends[0]!.key }
      const texts = history.page(conv, { limit: 100 }).map((m) => m.text)
      expect(texts.sort()).toEqual(good.slice(0, -1).map((g) => /"([^"]+)"\]\}\}$/.exec(g)![1]).sort())
      expect(history.count()).toBe(good.length)
      const now = Date.now()
      for (const m of history.page(conv, { limit: 100 })) {
        expect(Number.isSafeInteger(m.time), m.text).toBe(true)
        if (m.text.startsWith('odd time')) expect(Math.abs(m.time - now), m.text).toBeLessThan(60_000)
        else expect(m.time).toBe(T * 1000)
      }

      // A result that is no list at all is reported too, and the next poll is read.
      warnings = []
      answers.set('/channel/poll2', `{"retcode":0,"result":{"poll_type":"message"}}`)
      await eventually(() => warnings.find((w) => w.startsWith('poll2:')), 5000, 'the odd result')
      expect(warnings).toContain('poll2: left out 1 item(s) that did not fit')
      answers.set('/channel/poll2', `{"retcode":0,"result":[${msg(`"msg_id":5,"from_uin":1001,"time":${T + 1}`, 'after all that')}]}`)
      await eventually(() => history.page(conv, { limit: 100 }).some((m) => m.text === 'after all that') || undefined, 5000, 'the next message')
      answers.set('/channel/poll2', GOOD['/channel/poll2']!)
    } finally {
      loop.stop()
      await dispatcher.settled()
      history.close()
    }
  })
})

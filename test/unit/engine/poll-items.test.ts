import { describe, expect, it } from 'vitest'
import { messageId, parsePollItems, SERVER_TIME_AHEAD_S, serverTime } from '../../../electron/engine/endpoints/poll-items'
import { mapFriends } from '../../../electron/engine/contacts/mappers'
import { parseJson } from '../../../electron/smartqq/json'

describe('poll items', () => {
  it('parses each item on its own: one bad item does not lose the others', () => {
    const { events, rejected } = parsePollItems([
      { poll_type: 'message', value: { msg_id: 1, from_uin: 3021134567, time: 1, content: ['hi'] } },
      { poll_type: 'group_message', value: { msg_id: 'x' } },
      'garbage',
      { poll_type: 'buddies_status_change', value: { uin: '41837138855', status: 'busy', client_type: 21 } },
      { poll_type: 'brand_new_type', value: {} },
    ])
    expect(rejected).toBe(2)
    expect(events.map((e) => e.type)).toEqual(['message', 'buddies_status_change', 'unknown'])
    expect(events[0]).toMatchObject({ value: { from_uin: '3021134567' } })
  })

  it('accepts an item of every documented poll_type (§6.2) with its real fields', () => {
    const common = { msg_id: 7, from_uin: 3021134567, to_uin: 2851234567, time: 1450686775 }
    const font = ['font', { size: 10, color: '000000', style: [0, 0, 0], name: '宋体' }]
    const items = [
      { poll_type: 'message', value: { ...common, msg_type: 0, content: [font, 'hi'] } },
      { poll_type: 'group_message', value: { ...common, from_uin: 14611812014, group_code: 14611812014, send_uin: 3021134567, content: [font, 'g'] } },
      { poll_type: 'discu_message', value: { ...common, from_uin: 612950676, did: 612950676, send_uin: 3021134567, content: [font, 'd'] } },
      { poll_type: 'sess_message', value: { ...common, id: 14611812014, ruin: 123774072, service_type: 0, flags: { text: 1 }, content: [font, 's'] } },
      { poll_type: 'kick_message', value: { ...common, from_uin: 10000, msg_type: 48, show_reason: 1, reason: '您的帐号在另一地点登录' } },
      { poll_type: 'buddies_status_change', value: { uin: 3021134567, status: 'online', client_type: 1 } },
      { poll_type: 'input_notify', value: { ...common, msg_type: 121, reply_ip: 4294967295 } },
      { poll_type: 'shake_message', value: { ...common, msg_type: 9 } },
      { poll_type: 'file_message', value: { ...common, mode: 'recv', type: 101, name: 'report.pdf', session_id: 20868, inet_ip: 0 } },
      { poll_type: 'push_offfile', value: { ...common, rkey: 'ab', ip: '183.60.49.180', port: 80, size: 137972, name: '12.jpg', expire_time: 1389888000 } },
      { poll_type: 'notify_offfile', value: { ...common, action: 2, filename: '12.jpg', filesize: 137972 } },
      { poll_type: 'filesrv_transfer', value: { file_count: 1, file_infos: [{ file_name: 'report.pdf', file_status: 0, pro_id: 1 }], from_uin: 3021134567, lc_id: 20868, now: 1, operation: 1, type: 0 } },
      { poll_type: 'system_message', value: { seq: 1, type: 'verify_required', account: 123774072, from_uin: 3021134567, msg: 'hi', allow: 1, stat: 10, client_type: 1 } },
      { poll_type: 'sys_g_msg', value: { ...common, from_uin: 14611812014, type: 'group_join', gcode: 3157131718, t_gcode: 12345678, op_type: 3, new_member: 3021134567 } },
      { poll_type: 'group_web_message', value: { ...common, from_uin: 14611812014, group_code: 14611812014, group_type: 1, ver: 1, send_uin: 3021134567, xml: '<d/>' } },
      { poll_type: 'buddylist_change', value: { added_friends: [{ uin: 3021134567, groupid: 1 }], removed_friends: [{ uin: 41837138855 }] } },
      { poll_type: 'tips', value: { text: 'x' } },
    ]
    const { events, rejected } = parsePollItems(items)
    expect(rejected).toBe(0)
    expect(events.map((e) => e.type)).toEqual(items.map((i) => i.poll_type))
  })

  it('keeps every digit of ids beyond 2^53 through parsing and mapping', () => {
    const wire = parseJson(
      '{"friends":[{"uin":123456789012345678901,"categories":0},{"uin":2851234567,"categories":0}],"info":[{"uin":123456789012345678901,"nick":"A&amp;B","face":3},{"uin":2851234567,"nick":"me","face":0}],"marknames":[],"categories":[],"vipinfo":[]}',
    )
    const friends = mapFriends(
      {
        friends: (wire as any).friends.map((f: any) => ({ uin: String(f.uin), categories: 0 })),
        info: (wire as any).info.map((i: any) => ({ uin: String(i.uin), nick: i.nick, face: i.face })),
        marknames: [],
        categories: [],
        vipinfo: [],
      } as any,
      '2851234567',
    )
    expect(friends.map((f) => [f.uin, f.nick])).toEqual([['123456789012345678901', 'A&B']])
  })

  it('replaces a server time that cannot be meant by the receive time, and keeps the value as it came', () => {
    const now = Date.now()
    const nowS = Math.floor(now / 1000)
    // Each `time` as it stands in the poll2 answer's JSON text.
    const cases: Array<[string, number, string | undefined]> = [
      ['1450686775', 1450686775, '1450686775'],
      ['"1450686775"', 1450686775, '1450686775'],
      // Above 2^53: parseJson keeps the digits as a string (node:sqlite could not read it back).
      ['9007199254740993', nowS, '9007199254740993'],
      ['18446744073709551616', nowS, '18446744073709551616'],
      // Beyond what a Date can hold (in seconds) — and a few other ways of not being a time.
      ['8640000000001', nowS, '8640000000001'],
      ['1e308', nowS, '1e+308'],
      ['-1', nowS, '-1'],
      ['0', nowS, '0'],
      ['1450686775.5', nowS, '1450686775.5'],
      ['946684799', nowS, '946684799'],
      ['"yesterday"', nowS, 'yesterday'],
      ['null', nowS, 'null'],
      ['{"a":1}', nowS, '{"a":1}'],
      [`"${'9'.repeat(1000)}"`, nowS, '9'.repeat(40)],
    ]
    for (const [wire, time, rawTime] of cases) {
      const { events, rejected } = parsePollItems((parseJson(`[{"poll_type":"message","value":{"msg_id":1,"from_uin":3021134567,"time":${wire},"content":["hi"]}}]`) as unknown[]))
      expect(rejected, wire).toBe(0)
      const v = (events[0] as Extract<(typeof events)[number], { type: 'message' }>).value
      // The receive clock may tick a second during the parse.
      expect(v.time === time || (time === nowS && v.time - time <= 1), wire).toBe(true)
      expect(v.rawTime, wire).toBe(rawTime)
    }
    const missing = parsePollItems([{ poll_type: 'group_message', value: { msg_id: 1, from_uin: 1, send_uin: 2, content: [] } }]).events[0]
    expect(missing).toMatchObject({ value: { time: expect.any(Number) } })
    expect((missing as { value: object }).value).not.toHaveProperty('rawTime')
    // A skewed server clock is believed up to a day ahead, not beyond.
    expect(serverTime(nowS + SERVER_TIME_AHEAD_S - 5, now).time).toBe(nowS + SERVER_TIME_AHEAD_S - 5)
    expect(serverTime(nowS + SERVER_TIME_AHEAD_S + 5, now).time).toBe(nowS)
  })

  it('orders by a msg_id only when it is a safe integer, and keys the dedupe on the msg_id as it came, so ids a double cannot tell apart stay apart', () => {
    const ids = parseJson('[18446744073709551616, 18446744073709551617, 9007199254740993, 1e308, -1, 1.5, "abc", null, [], 12345]') as unknown[]
    const read = ids.map(messageId)
    expect(read.map((r) => r.msg_id)).toEqual([0, 0, 0, 0, -1, 0, 0, 0, 0, 12345])
    expect(read.map((r) => r.msgIdKey)).toEqual(['18446744073709551616', '18446744073709551617', '9007199254740993', '1e+308', '-1', '1.5', 'abc', 'null', '[]', '12345'])
    expect(messageId(undefined)).toEqual({ msg_id: 0, msgIdKey: '' })
  })
})

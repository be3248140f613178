import { describe, expect, it } from 'vitest'
import { parsePollItems } from '../../../electron/engine/protocol/poll-items'
import { mapFriends } from '../../../electron/engine/contacts/mappers'
import { parseJson } from '../../../electron/protocol/json'

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
})

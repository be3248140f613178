import { describe, expect, it } from 'vitest'
import { getGroupNameListMask2, getUserFriends2 } from '../../../electron/engine/endpoints/contact-endpoints'
import { droppedEntries } from '../../../electron/engine/http/decode'

const answer = (result: unknown) => ({ status: 200, headers: {}, url: '', body: Buffer.from(JSON.stringify({ retcode: 0, result })) })

/**
 * Issue 13: the list answers decode only the fields the engine reads. The opaque `flag`
 * bitfields and `is_vip` (§5.2) are dropped like any unknown field, whatever their value.
 */
describe('contact list answers', () => {
  it('get_user_friends2 keeps only the fields the mapping reads, and odd flags or is_vip drop nothing', () => {
    const w = getUserFriends2.decode(
      answer({
        friends: [{ flag: 4, uin: 3021134567, categories: 1 }, { flag: 'odd', uin: 41837138855, categories: 0 }],
        marknames: [{ uin: 41837138855, markname: 'Bob (work)', type: 0 }],
        categories: [{ index: 1, sort: 1, name: 'Friends' }],
        vipinfo: [{ vip_level: 0, u: 3021134567, is_vip: 0 }, { vip_level: 6, u: 41837138855, is_vip: {} }],
        info: [{ face: 603, flag: 4751942, nick: 'Carol', uin: 3021134567 }, { face: 0, flag: [1], nick: 'Bob', uin: 41837138855 }],
      }),
    )
    expect(w.friends).toEqual([{ uin: '3021134567', categories: 1 }, { uin: '41837138855', categories: 0 }])
    expect(w.vipinfo).toEqual([{ u: '3021134567', vip_level: 0 }, { u: '41837138855', vip_level: 6 }])
    expect(w.info).toEqual([{ uin: '3021134567', nick: 'Carol', face: 603 }, { uin: '41837138855', nick: 'Bob', face: 0 }])
    expect(w.marknames).toEqual([{ uin: '41837138855', markname: 'Bob (work)' }])
    expect(droppedEntries(w.friends, w.info, w.vipinfo, w.marknames, w.categories)).toBe(0)
  })

  it('get_group_name_list_mask2 keeps a group whose flag is odd, without the flag', () => {
    const w = getGroupNameListMask2.decode(answer({ gmasklist: [], gnamelist: [{ gid: 2001, code: 3001, name: 'Room', flag: 'x' }], gmarklist: [] }))
    expect(w.gnamelist).toEqual([{ gid: '2001', code: '3001', name: 'Room' }])
  })
})

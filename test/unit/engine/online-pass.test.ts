import { describe, expect, it } from 'vitest'
import { layPlainPresence, layWirePresence } from '../../../electron/engine/contacts/online-pass'
import { onlineWire } from '../../../electron/engine/endpoints/contact-endpoints'
import { parseUtf8Json } from '../../../electron/smartqq/json'
import { Rng } from '../../../electron/emulator/state/rng'
import type { Friend } from '../../../electron/model'

/**
 * Issue 13: the first load lays get_online_buddies2's presence over the friends straight from
 * the parsed JSON (online-pass.ts). It must lay what the endpoint's schema lays, or decline and
 * change nobody — for plain, odd and hostile answers alike.
 */

const UINS = ['1001', '1002', '41837138855', '3021134567', '7']

const friends = (): Friend[] =>
  UINS.map((uin) => ({ key: `f:n:${uin}/0`, uin, nick: uin, displayName: uin, face: 0, category: 0, vipLevel: 0, status: 'offline', client: 'unknown' }))
const byUin = (list: Friend[]) => new Map(list.map((f) => [f.uin, f]))
const presence = (list: Friend[]) => list.map((f) => [f.uin, f.status, f.client])

/** What the schema's decode lays (ContactService's way for an answer the pass declines). */
function bySchema(result: unknown): Friend[] | 'malformed' {
  const list = friends()
  const lookup = byUin(list)
  let online
  try {
    online = onlineWire(result)
  } catch {
    return 'malformed'
  }
  layWirePresence(online, lookup)
  return list
}

const STATUSES = ['"online"', '"busy"', '"away"', '"callme"', '"silent"', '"hidden"', '"offline"', '"constructor"', '"__proto__"', '""', '10', 'null']
const ODD = ['-1', '1.5', '9007199254740993', '18446744073709551616', '1e308', '"1001"', '"0007"', '"abc"', 'null', 'true', '{}', '[]']

/** One answer's `result` as JSON text: entries of `uin`, `status`, `client_type`, some fields odd, left out, twice or polluting. */
function generated(rng: Rng): string {
  if (rng.chance(0.03)) return rng.pick(['null', '{}', '"x"', '{"0":{"uin":1001}}'])
  const entries = Array.from({ length: rng.int(0, 6) }, () => {
    const pairs: Array<[string, string]> = [
      ['client_type', rng.pick(['1', '21', '24', '41', '42', '10000', '0'])],
      ['status', rng.pick(STATUSES.slice(0, 6))],
      ['uin', rng.pick([...UINS, '99999'])],
    ]
    if (rng.chance(0.15)) pairs[rng.int(0, 2)]![1] = rng.pick([...ODD, ...STATUSES])
    if (rng.chance(0.1)) pairs.splice(rng.int(0, 2), 1)
    if (rng.chance(0.1)) pairs.push([rng.pick(['uin', 'status', 'client_type']), rng.pick([...ODD, '"online"', '1002'])])
    if (rng.chance(0.05)) pairs.unshift(['__proto__', '{"uin":1001,"status":"online"}'])
    return rng.chance(0.04) ? rng.pick(['"x"', '42', 'null', '[]']) : `{${pairs.map(([k, v]) => `"${k}":${v}`).join(',')}}`
  })
  return `[${entries.join(',')}]`
}

describe('the first load presence pass and the schema', () => {
  it('lays a plain answer as the schema lays it, the last entry of a uin winning', () => {
    const list = friends()
    const result = parseUtf8Json(
      Buffer.from('[{"client_type":41,"status":"busy","uin":1001},{"client_type":1,"status":"online","uin":41837138855},{"client_type":21,"status":"away","uin":1001},{"client_type":1,"status":"online","uin":5}]'),
    )
    expect(layPlainPresence(result, byUin(list))).toBe(true)
    expect(presence(list)).toEqual(presence(bySchema(result) as Friend[]))
    expect(list[0]).toMatchObject({ status: 'away', client: 'mobile' })
  })

  it('declines an answer with one entry that is not plain, and changes nobody', () => {
    const list = friends()
    const result = parseUtf8Json(Buffer.from('[{"client_type":41,"status":"busy","uin":1001},{"client_type":"41","status":"online","uin":1002}]'))
    expect(layPlainPresence(result, byUin(list))).toBe(false)
    expect(presence(list)).toEqual(presence(friends()))
  })

  it('lays what the schema lays, or declines and changes nobody, on 3,000 generated answers', () => {
    const rng = new Rng(5)
    const seen = { laid: 0, declined: 0 }
    for (let i = 0; i < 3000; i++) {
      const json = generated(rng)
      const result = parseUtf8Json(Buffer.from(json))
      const list = friends()
      const expected = bySchema(result)
      if (layPlainPresence(result, byUin(list))) {
        seen.laid++
        expect(expected, json).not.toBe('malformed')
        expect(presence(list), json).toEqual(presence(expected as Friend[]))
      } else {
        seen.declined++
        expect(presence(list), json).toEqual(presence(friends()))
      }
    }
    expect(seen.laid).toBeGreaterThan(1000)
    expect(seen.declined).toBeGreaterThan(300)
  })
})

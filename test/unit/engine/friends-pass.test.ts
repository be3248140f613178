import { describe, expect, it } from 'vitest'
import { friendsPass, plainFriendsPass } from '../../../electron/engine/contacts/friends-pass'
import { mapCategories, mapFriends } from '../../../electron/engine/contacts/mappers'
import { getUserFriends2 } from '../../../electron/engine/endpoints/contact-endpoints'
import { isEngineError } from '../../../electron/engine/errors'
import { droppedEntries, envelopeResult, plainEnvelopeResult } from '../../../electron/engine/http/decode'
import { Rng } from '../../../electron/emulator/state/rng'

/**
 * Issue 13: the friends' one pass (friends-pass.ts) reads a plain get_user_friends2 answer
 * straight into the model. Whatever the answer — plain, odd, hostile — it must give what the
 * endpoint's schema and mapFriends give (the same friends, keys, categories and count of entries
 * left out), or the same EngineError.
 */

const SELF = '2851234567'

const answer = (resultJson: string) => ({ status: 200, headers: {}, url: '', body: Buffer.from(`{"retcode":0,"result":${resultJson}}`) })

type Outcome = { value: unknown } | { error: { kind: string; message: string } }

function outcome(run: () => unknown): Outcome {
  try {
    return { value: run() }
  } catch (err) {
    if (!isEngineError(err)) throw err
    return { error: { kind: err.kind, message: err.message } }
  }
}

/** What the schema and mapFriends make of an answer: the reference. */
const bySchema = (res: ReturnType<typeof answer>) =>
  outcome(() => {
    const w = getUserFriends2.decode(res)
    return { list: mapFriends(w, SELF), categories: mapCategories(w.categories), dropped: droppedEntries(w.friends, w.marknames, w.categories, w.vipinfo, w.info) }
  })
const byPass = (res: ReturnType<typeof answer>) => outcome(() => friendsPass(plainEnvelopeResult(getUserFriends2.name, res), SELF))

// ---- generated answers, written as JSON text (so entries can hold `__proto__` or a key twice) ----

/** An entry: its keys and their JSON values, in order (a key may come twice: the last counts). */
type Entry = Array<[string, string]> | string
type List = Entry[] | string | undefined
type Result = Record<'friends' | 'marknames' | 'categories' | 'vipinfo' | 'info', List>
const LISTS = ['friends', 'marknames', 'categories', 'vipinfo', 'info'] as const

const NICKS = ['Bob', '小明', 'lone \uD800 half', 'nul \u0000', 'Tom &amp; Jerry', 'a/b#c d', '', ' ', '&#128512;', '&lt;img&gt;', 'x'.repeat(250), '__proto__', 'constructor']
/** Values a field may hold instead of its own (parseUtf8Json hands an integer past 2^53 over as its digits). */
const ODD = ['0', '-0', '-1', '1.5', '9007199254740991', '9007199254740993', '18446744073709551616', '1e308', '"123"', '"0123"', '"abc"', '""', 'null', 'true', '{}', '[]', '[1]', '"Bob &amp; co"', '"9'.padEnd(30, '9') + '"']

const text = (r: Result): string =>
  `{${LISTS.filter((l) => r[l] !== undefined)
    .map((l) => {
      const list = r[l]!
      return `${JSON.stringify(l)}:${typeof list === 'string' ? list : `[${list.map((e) => (typeof e === 'string' ? e : `{${e.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`)).join(',')}]`}`
    })
    .join(',')}}`

/** A plain answer as the service sends it: info and vipinfo in the friends' order, the account itself among the friends at times. */
function plainAnswer(rng: Rng): Result {
  const n = rng.int(0, 7)
  const uins = new Set<string>()
  while (uins.size < n) uins.add(rng.chance(0.15) ? SELF : String(rng.chance(0.5) ? rng.int(1, 99_999) : rng.int(1, 9) * 1e10 + rng.int(0, 1e9)))
  const ids = [...uins]
  const nick = () => JSON.stringify(rng.pick(NICKS))
  return {
    friends: ids.map((u) => [['flag', String(rng.int(0, 12))], ['uin', u], ['categories', String(rng.int(0, 3))]]),
    marknames: ids.filter(() => rng.chance(0.3)).map((u) => [['uin', u], ['markname', nick()], ['type', '0']]),
    categories: Array.from({ length: rng.int(0, 3) }, (_, i) => [['index', String(i + rng.int(0, 1))], ['sort', String(rng.int(0, 5))], ['name', nick()]]),
    vipinfo: ids.map((u) => [['vip_level', String(rng.int(0, 7))], ['u', u], ['is_vip', '0']]),
    info: ids.map((u) => [['face', String(rng.int(0, 600))], ['flag', '0'], ['nick', nick()], ['uin', u]]),
  }
}

/** One change a hostile or careless server might make. */
function mutate(rng: Rng, r: Result): void {
  const name = rng.pick(LISTS)
  const list = r[name]
  const entries = Array.isArray(list) ? list : undefined
  const at = entries?.length ? rng.int(0, entries.length - 1) : -1
  const entry = at >= 0 ? entries![at] : undefined
  const pairs = Array.isArray(entry) ? entry : undefined
  switch (rng.int(0, 9)) {
    case 0: // a field of another type or size
      if (pairs?.length) pairs[rng.int(0, pairs.length - 1)]![1] = rng.pick(ODD)
      break
    case 1: // a field left out
      if (pairs?.length) pairs.splice(rng.int(0, pairs.length - 1), 1)
      break
    case 2: // out of the friends' order
      if (entries && entries.length > 1) entries.push(entries.shift()!)
      break
    case 3: // the same entry twice (a duplicate uin)
      if (entry) entries!.splice(at, 0, Array.isArray(entry) ? entry.map(([k, v]) => [k, v] as [string, string]) : entry)
      break
    case 4: // one entry fewer
      if (entries?.length) entries.pop()
      break
    case 5: // the list absent, null, or no list
      r[name] = rng.pick([undefined, 'null', '{}', '"x"', '3', '{"0":{"uin":1}}'])
      break
    case 6: // a prototype-polluting key
      if (pairs) pairs.unshift(['__proto__', rng.pick(['{"uin":7,"u":7,"nick":"polluted","index":0}', 'null', '[]'])])
      break
    case 7: // a key twice: the last one counts
      if (pairs?.length) pairs.push([pairs[rng.int(0, pairs.length - 1)]![0], rng.pick([...ODD, '5', '"n"'])])
      break
    case 8: // an entry that is no object
      if (entries && at >= 0) entries[at] = rng.pick(['"x"', '42', 'null', '[]', '[{"uin":1}]', 'true'])
      break
    case 9: // a uin beyond 2^53 (kept as its digits) or the account itself
      if (pairs) for (const p of pairs) if (p[0] === 'uin' || p[0] === 'u') p[1] = rng.pick(['123456789012345678901', SELF, '2851234567.0'])
      break
  }
}

describe('the friends one pass and the schema', () => {
  it('takes a plain answer in the friends order and gives what the schema and mapFriends give', () => {
    const res = answer(
      `{"friends":[{"flag":4,"uin":3021134567,"categories":1},{"flag":0,"uin":${SELF},"categories":0},{"flag":0,"uin":41837138855,"categories":0},{"flag":0,"uin":5,"categories":2}],` +
        `"marknames":[{"uin":41837138855,"markname":"Bob &amp; co","type":0}],"categories":[{"index":1,"sort":2,"name":"Work"},{"index":2,"sort":1,"name":"School"}],` +
        `"vipinfo":[{"vip_level":0,"u":3021134567,"is_vip":0},{"vip_level":0,"u":${SELF},"is_vip":0},{"vip_level":6,"u":41837138855,"is_vip":1},{"vip_level":1,"u":5,"is_vip":1}],` +
        `"info":[{"face":603,"flag":0,"nick":"Carol","uin":3021134567},{"face":0,"flag":0,"nick":"me","uin":${SELF}},{"face":0,"flag":0,"nick":"Bob","uin":41837138855},{"face":1,"flag":0,"nick":"Carol","uin":5}]}`,
    )
    const plain = plainFriendsPass(envelopeResult(getUserFriends2.name, res), SELF)
    expect(plain).toBeDefined()
    expect({ value: plain }).toStrictEqual(bySchema(res))
    expect(plain!.list.map((f) => [f.uin, f.displayName, f.vipLevel, f.category])).toEqual([
      ['3021134567', 'Carol', 0, 1],
      ['41837138855', 'Bob & co', 6, 0],
      ['5', 'Carol', 1, 2],
    ])
  })

  it('declines info out of the friends order, and the schema pass pairs it by uin', () => {
    const res = answer(
      `{"friends":[{"uin":1,"categories":0},{"uin":2,"categories":0}],"marknames":[],"categories":[],"vipinfo":[{"u":1,"vip_level":0},{"u":2,"vip_level":0}],"info":[{"uin":2,"nick":"Two","face":0},{"uin":1,"nick":"One","face":0}]}`,
    )
    expect(plainFriendsPass(envelopeResult(getUserFriends2.name, res), SELF)).toBeUndefined()
    expect(byPass(res)).toStrictEqual(bySchema(res))
    expect(friendsPass(plainEnvelopeResult(getUserFriends2.name, res), SELF).list.map((f) => f.nick)).toEqual(['One', 'Two'])
  })

  it('keeps every digit of a uin past 2^53: the number read without the scan lost them, the pass declines it and the schema reads the exact answer', () => {
    const big = '123456789012345678901'
    const res = answer(`{"friends":[{"uin":${big},"categories":0}],"marknames":[],"categories":[],"vipinfo":[{"u":${big},"vip_level":0}],"info":[{"uin":${big},"nick":"Big","face":0}]}`)
    const read = plainEnvelopeResult(getUserFriends2.name, res)
    expect(plainFriendsPass(read.result, SELF)).toBeUndefined()
    expect(friendsPass(read, SELF).list.map((f) => f.uin)).toEqual([big])
    expect(byPass(res)).toStrictEqual(bySchema(res))
  })

  it('a friends list that is no list is the endpoint own malformed error', () => {
    const res = answer('{"friends":{"uin":1001},"info":[],"marknames":[],"categories":[],"vipinfo":[]}')
    const out = byPass(res)
    expect(out).toStrictEqual(bySchema(res))
    expect(out).toMatchObject({ error: { kind: 'malformed', message: expect.stringContaining('get_user_friends2: unexpected answer') } })
  })

  it('gives the schema outcome on 3,000 generated answers, plain, odd and hostile', () => {
    const rng = new Rng(13)
    const seen = { plain: 0, declined: 0, dropped: 0, errors: 0 }
    for (let i = 0; i < 3000; i++) {
      const r = plainAnswer(rng)
      const changes = i % 4 === 0 ? 0 : rng.int(1, 3)
      for (let c = 0; c < changes; c++) mutate(rng, r)
      const json = text(r)
      const res = answer(json)
      const expected = bySchema(res)
      expect(byPass(res), json).toStrictEqual(expected)
      if ('error' in expected) seen.errors++
      else if ((expected.value as { dropped: number }).dropped) seen.dropped++
      if ('value' in expected) seen[plainFriendsPass(plainEnvelopeResult(getUserFriends2.name, res).result, SELF) ? 'plain' : 'declined']++
    }
    // Every way through is taken: the plain pass, its declines, entries left out, malformed answers.
    expect(seen.plain).toBeGreaterThan(700)
    expect(seen.declined).toBeGreaterThan(300)
    expect(seen.dropped).toBeGreaterThan(100)
    expect(seen.errors).toBeGreaterThan(50)
  })
})

import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { qqField, uinField } from '../../../electron/engine/endpoints/ids'
import { droppedEntries, intField, intOr, optional, optionalInt, record, records, textField, type Field } from '../../../electron/engine/http/decode'

/**
 * Issue 13: list entries whose fields all have their plainest form skip zod (decode.ts
 * `record`). The shortcut must give exactly what the schema gives, and take nothing the schema
 * would not: for every field kind and every value (hostile ones too, issue 8), either the
 * shortcut declines or its entry is the schema's, key for key.
 */

const FIELDS: Record<string, Field> = {
  intField,
  'intOr(0)': intOr(0),
  optionalInt,
  textField,
  uinField,
  'optional(qqField)': optional(qqField),
}

const VALUES: unknown[] = [
  0, -0, 1, -1, 7, 1.5, 2 ** 53, 2 ** 53 - 1, -(2 ** 53 - 1), 41837138855, 1e308, Infinity, NaN,
  '0', '00', '007', '-0', '-7', '12', '1.5', '1e3', ' 1', '1 ', '', 'abc', '１２３', 'Bob &amp; co',
  '9'.repeat(16), '9'.repeat(17), '9'.repeat(32), '9'.repeat(33), '9007199254740993', '18446744073709551616',
  null, true, false, {}, [], [1], { uin: 1 },
]

/** Each value in the field, and the field left out. */
const entriesOf = (value: unknown) => [{ a: value, other: 1 }, { other: 1 }]

describe('list entry fields: the plain shortcut and the schema', () => {
  for (const [name, field] of Object.entries(FIELDS)) {
    it(`${name}: the shortcut gives the schema's entry or declines, for every value`, () => {
      const r = record({ a: field })
      let taken = 0
      for (const value of VALUES) {
        for (const entry of entriesOf(value)) {
          const fast = r.plain(entry)
          if (fast === undefined) continue
          taken++
          const slow = r.schema.safeParse(entry)
          expect(slow.success, JSON.stringify(entry)).toBe(true)
          expect(fast, JSON.stringify(entry)).toStrictEqual(slow.data)
          expect(Object.keys(fast), JSON.stringify(entry)).toEqual(Object.keys(slow.data!))
        }
      }
      // The shortcut is really taken (a test of a shortcut that always declines would prove nothing).
      expect(taken).toBeGreaterThan(0)
    })
  }

  it('takes the plainest forms the service sends: safe integers as numbers, texts as strings', () => {
    const friend = record({ uin: uinField, categories: intOr(0), flag: optionalInt, nick: textField })
    expect(friend.plain({ uin: 41837138855, categories: 1, flag: 4, nick: 'Bob', extra: [] })).toStrictEqual({ uin: '41837138855', categories: 1, flag: 4, nick: 'Bob' })
    expect(friend.plain({ uin: 41837138855, nick: 'Bob' })).toStrictEqual({ uin: '41837138855', categories: 0, nick: 'Bob' })
    // Digits in a string, 2^53 and beyond (parseJson's strings), a fraction: zod decides.
    for (const uin of ['41837138855', '9007199254740993', 1.5, -1]) expect(friend.plain({ uin, nick: 'Bob' })).toBeUndefined()
    for (const entry of [null, 'x', 42, [], [{ uin: 1 }]]) expect(friend.plain(entry)).toBeUndefined()
  })
})

describe('lists of records', () => {
  const list = records({ uin: uinField, nick: textField })
  const schema = z.object({ friends: list })

  it('decodes a list of plain entries as the schema decodes it', () => {
    const raw = Array.from({ length: 50 }, (_, i) => ({ uin: 1000 + i, nick: `n${i}`, face: i }))
    const out = schema.parse({ friends: raw }).friends
    expect(out).toStrictEqual(raw.map((e) => ({ uin: String(e.uin), nick: e.nick })))
    expect(droppedEntries(out)).toBe(0)
  })

  it('one entry that is not plain sends the list through zod: the unusable ones are left out and counted, the odd but usable ones kept', () => {
    const raw = [{ uin: 1001, nick: 'a' }, { uin: '007', nick: 'b' }, { uin: 'abc', nick: 'c' }, { uin: 1004, nick: 5 }, 'x', { uin: '18446744073709551616' }]
    const out = schema.parse({ friends: raw }).friends
    expect(out).toStrictEqual([
      { uin: '1001', nick: 'a' },
      { uin: '7', nick: 'b' },
      { uin: '1004', nick: '' },
      { uin: '18446744073709551616', nick: '' },
    ])
    expect(droppedEntries(out)).toBe(2)
  })

  it('a list left out or null is empty; a value that is no list does not fit', () => {
    expect(schema.parse({}).friends).toEqual([])
    expect(schema.parse({ friends: null }).friends).toEqual([])
    for (const friends of [{ uin: 1 }, 'x', 3]) expect(schema.safeParse({ friends }).success).toBe(false)
  })
})

import { describe, expect, it } from 'vitest'
import { friendMatches, friendRows, indexContacts, matching, type Indexed } from '../../../renderer/src/lib/contact-index'
import { friend, group, snapshot } from './fixtures'

/** 300 friends over 3 categories, named so that needles overlap: "Friend 1", "Friend 12", "Friend 123". */
const CATEGORIES = [0, 1, 2].map((index) => ({ index, sort: index, name: `cat${index}` }))
const FRIENDS = Array.from({ length: 300 }, (_, n) => friend(n, { displayName: `Friend ${n}`, category: n % 3, status: n % 4 ? 'offline' : 'online' }))
const fresh = () => indexContacts(snapshot({ categories: CATEGORIES, friends: FRIENDS, groups: Array.from({ length: 50 }, (_, n) => group(n)) }))
const keys = <T>(list: readonly Indexed<T>[]) => list.map((x) => x.text)

describe('matching (the search box per keystroke)', () => {
  it('gives an extended needle the same matches as filtering the whole list for it', () => {
    const typed = fresh()
    const scratch = fresh()
    // Typing on ("friend 1" → "friend 12" → "friend 123"), then backspacing and typing elsewhere.
    for (const needle of ['f', 'friend 1', 'friend 12', 'friend 123', 'friend 12', 'friend 2', '', 'nick1', 'nick19', '1000', '10001', 'zz', 'zzz', 'friend']) {
      for (const [i, c] of typed.categories.entries()) {
        const whole = scratch.categories[i]!.friends.filter((f) => !needle || f.text.includes(needle))
        expect(keys(matching(c.friends, needle)), `${needle} in ${c.name}`).toEqual(keys(whole))
      }
      expect(keys(matching(typed.groups, needle))).toEqual(keys(scratch.groups.filter((g) => !needle || g.text.includes(needle))))
    }
  })

  it('filters only the last matches when the needle extends the last one', () => {
    let reads = 0
    // Each text read is counted: a longer needle reads the last matches, not the whole list.
    const list = fresh().categories[0]!.friends.map((f) => ({ item: f.item, get text() { reads++; return f.text } }))
    const first = matching(list, 'friend 1')
    expect(reads).toBe(list.length)
    reads = 0
    const longer = matching(list, 'friend 12')
    expect(reads).toBe(first.length)
    expect(first.length).toBeLessThan(list.length)
    expect(longer.map((f) => f.item.friend.displayName)).toEqual(['Friend 12', 'Friend 120', 'Friend 123', 'Friend 126', 'Friend 129'])
    // The same needle again reads nothing; one that does not hold the last reads the whole list.
    reads = 0
    expect(matching(list, 'friend 12')).toBe(longer)
    expect(reads).toBe(0)
    matching(list, 'friend 2')
    expect(reads).toBe(list.length)
    expect(matching(list, '')).toBe(list)
  })

  it('gives a needle asked lately its matches back without reading the list (backspacing over what was typed)', () => {
    let reads = 0
    const list = fresh().categories[0]!.friends.map((f) => ({ item: f.item, get text() { reads++; return f.text } }))
    const typed = ['f', 'fr', 'friend', 'friend 1', 'friend 12'].map((needle) => matching(list, needle))
    reads = 0
    // Backspace: each shorter needle is one asked before, its matches the same array as then.
    expect(['friend 1', 'friend', 'fr', 'f'].map((needle) => matching(list, needle))).toEqual(typed.slice(0, 4).reverse())
    expect(matching(list, 'friend 1')).toBe(typed[3])
    expect(reads).toBe(0)
    // Typing on from a kept needle filters its matches only.
    matching(list, 'friend 10')
    expect(reads).toBe(typed[3]!.length)
  })

  it('counts the friends tab matches as its rows hold them, without building rows', () => {
    const index = fresh()
    for (const needle of ['', 'friend 1', 'friend 12', 'nick7', 'nothing']) {
      const rows = friendRows(index.categories, needle, new Set())
      expect(friendMatches(index.categories, needle), needle).toBe(rows.filter((r) => r.type === 'friend').length)
    }
    // A search ignores collapse, and leaves out the categories it finds nothing in.
    expect(friendRows(index.categories, 'friend 12', new Set([0])).filter((r) => r.type === 'category').map((r) => r.key)).toEqual(['c:0', 'c:1', 'c:2'])
    expect(friendRows(index.categories, 'friend 3', new Set()).filter((r) => r.type === 'category')).toHaveLength(3)
    expect(friendRows(index.categories, 'friend 299', new Set()).map((r) => r.key)).toEqual(['c:2', 'f:f:q:10299'])
  })
})

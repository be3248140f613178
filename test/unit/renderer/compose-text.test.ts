import { describe, expect, it } from 'vitest'
import { FACES } from '../../../electron/ipc/contract'
import { parseOutgoing, segmentsToText, showFaces } from '../../../renderer/src/lib/faces-text'
import { insertMention, matchMembers, mentionQuery } from '../../../renderer/src/lib/mention'
import { QUOTE_MAX, QUOTE_RULE, quoteText } from '../../../renderer/src/lib/quote-text'

describe('faces in composer text', () => {
  it('sends every face of the table shown as its emoji as that face segment', () => {
    for (const f of FACES) expect(parseOutgoing(`a${f.emoji}b`), f.zh).toEqual([{ type: 'text', text: 'a' }, { type: 'face', id: f.id }, { type: 'text', text: 'b' }])
  })

  it('reads an emoji typed without its variation selector as the face, and a typed [名字] code too', () => {
    expect(parseOutgoing('❤好[微笑]')).toEqual([{ type: 'face', id: 36 }, { type: 'text', text: '好' }, { type: 'face', id: 14 }])
  })

  it('leaves emoji that are not faces, and faces inside a bigger emoji, as text', () => {
    expect(parseOutgoing('😀 👍🏽 ❤️‍🔥')).toEqual([{ type: 'text', text: '😀 👍🏽 ❤️‍🔥' }])
  })

  it('shows a typed or stored [名字] code as its face, the caret staying where it was in the text', () => {
    expect(showFaces('好[微笑]', 5)).toEqual({ text: '好🙂', caret: 3 })
    expect(showFaces('[强]x[不存在]', 0)).toEqual({ text: '👍x[不存在]', caret: 0 })
    expect(showFaces('a[强]b', 4)).toEqual({ text: 'a👍b', caret: 3 })
    expect(showFaces('plain')).toEqual({ text: 'plain', caret: 5 })
  })

  it('recalls a sent message with its faces as emoji, an unknown face left out', () => {
    expect(segmentsToText([{ type: 'text', text: 'a' }, { type: 'face', id: 14 }, { type: 'face', id: 135 }, { type: 'image', ref: 'x' }])).toBe('a🙂')
  })
})

describe('@ query parsing', () => {
  it('reads the word after an @ up to the caret', () => {
    expect(mentionQuery('@', 1)).toEqual({ start: 0, query: '' })
    expect(mentionQuery('hi @小', 5)).toEqual({ start: 3, query: '小' })
    expect(mentionQuery('你好@小明', 5)).toEqual({ start: 2, query: '小明' })
    expect(mentionQuery('@ab cd', 3)).toEqual({ start: 0, query: 'ab' })
  })

  it('starts none inside an address, after a space, or far from the @', () => {
    expect(mentionQuery('mail a@b', 8)).toBeUndefined()
    expect(mentionQuery('@ab cd', 6)).toBeUndefined()
    expect(mentionQuery('no at here', 10)).toBeUndefined()
    expect(mentionQuery(`@${'x'.repeat(40)}`, 41)).toBeUndefined()
  })

  it('matches names that start with the query before names that contain it, in the given order', () => {
    const m = (uin: string, label: string, mention = label, nick = label) => ({ uin, label, mention, nick })
    const members = [m('1', '群主大人'), m('2', '小明', '小明', 'ming'), m('3', 'Alice'), m('4', '阿明')]
    expect(matchMembers(members, '明').map((x) => x.uin)).toEqual(['2', '4'])
    expect(matchMembers(members, 'MING').map((x) => x.uin)).toEqual(['2'])
    expect(matchMembers(members, 'al').map((x) => x.uin)).toEqual(['3'])
    expect(matchMembers(members, '').map((x) => x.uin)).toEqual(['1', '2', '3', '4'])
  })

  it('puts @name and one space in place of the query, the caret after the space', () => {
    expect(insertMention('hi @xi', { start: 3, query: 'xi' }, 6, '小明')).toEqual({ text: 'hi @小明 ', caret: 7 })
    expect(insertMention('@ 你好', { start: 0, query: '' }, 1, 'Ann')).toEqual({ text: '@Ann 你好', caret: 5 })
  })
})

describe('quotes as text', () => {
  it('quotes the speaker and their words in 「」 over a dashed rule, QQ style', () => {
    expect(quoteText('小明', '晚上吃什么？🙂')).toBe(`「小明：晚上吃什么？🙂」\n${QUOTE_RULE}\n`)
  })

  it('keeps a long quote to one line of its first characters', () => {
    const long = `${'字'.repeat(QUOTE_MAX)}\n${'多'.repeat(10)}`
    expect(quoteText('A', long)).toBe(`「A：${'字'.repeat(QUOTE_MAX)}…」\n${QUOTE_RULE}\n`)
    expect(quoteText('A', 'line one\nline two')).toBe(`「A：line one line two」\n${QUOTE_RULE}\n`)
  })
})

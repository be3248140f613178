import { describe, expect, it } from 'vitest'
import type { QQClient } from '../../electron/engine/client'
import type { ConversationRef } from '../../electron/model'
import { eventually, nextMessage } from '../support/client'
import { useClients } from '../support/use-clients'
import { useEmulator } from '../support/use-emulator'

/**
 * @-mentions (issue 11): a group or discussion message that mentions me by my card in that group
 * or my nick (`@name` as a text element, §6.3) sets `mentioned` on the conversation's summary until
 * it is read; a mention of someone else, or my own message, does not.
 */

const ME = '2851234567'
const { emu, phone } = await useEmulator({ seed: 3, pollHoldMs: 300, chatter: false })
const world = await phone.contacts()
const { online } = useClients(emu, phone)

const group = world.groups.find((g: any) => g.name === '吃瓜群')
const other = world.groups.find((g: any) => g.number !== group.number && g.members.some((m: any) => m.qq === ME) && g.members.length > 2)
const members = group.members.filter((m: any) => m.qq !== ME).map((m: any) => m.qq as string)
const discussion = world.discussions.find((d: any) => d.members.includes(ME) && d.members.length > 2)
const CARD = '小明@吃瓜'
await phone.post('/control/contacts/card', { number: group.number, qq: ME, card: CARD })

const summaryOf = (c: QQClient, ref: ConversationRef) => c.online().conversations.list().find((s) => s.ref.kind === ref.kind && s.ref.key === ref.key)
const send = (kind: 'group' | 'discussion', from: string, target: string, content: unknown[]) => phone.post('/control/messages/send', { kind, from, target, content })

describe('a mention of me', () => {
  it('by my group card marks the group until it is read', async () => {
    const c = await online()
    const got = nextMessage(c, (m) => m.conversation.kind === 'group')
    await send('group', members[0]!, group.number, [{ mention: ME }, ' ', '晚上开会'])
    const m = await got
    expect(m.segments.map((s) => (s.type === 'text' ? s.text : s.type)).join('')).toContain(`@${CARD}`)
    expect(summaryOf(c, m.conversation)).toMatchObject({ mentioned: true, unread: 1 })
    // Another message that does not mention me keeps the mark.
    const plain = nextMessage(c, (m) => m.conversation.kind === 'group')
    await send('group', members[1]!, group.number, ['收到'])
    await plain
    expect(summaryOf(c, m.conversation)?.mentioned).toBe(true)
    c.online().conversations.markRead(m.conversation)
    expect(summaryOf(c, m.conversation)?.mentioned).toBeUndefined()
    expect(summaryOf(c, m.conversation)?.unread).toBe(0)
  })

  it('by my nick, in a group where I have no card and in a discussion', async () => {
    const c = await online()
    const nick = c.online().contacts.snapshot.self!.nick
    expect(other, 'a second group with me in it').toBeDefined()
    const got = nextMessage(c, (m) => m.conversation.kind === 'group')
    await send('group', other.members.find((m: any) => m.qq !== ME).qq, other.number, [{ mention: ME }, ' 在吗'])
    const g = await got
    expect(g.segments.map((s) => (s.type === 'text' ? s.text : '')).join('')).toContain(`@${nick}`)
    expect(summaryOf(c, g.conversation)?.mentioned).toBe(true)

    const inDiscussion = nextMessage(c, (m) => m.conversation.kind === 'discussion')
    await send('discussion', discussion.members.find((q: string) => q !== ME), discussion.id, [{ mention: ME }, ' 周末爬山？'])
    const d = await inDiscussion
    expect(summaryOf(c, d.conversation)?.mentioned).toBe(true)
  })

  it('is stored with the conversation’s row, not kept in memory', async () => {
    const c = await online()
    const got = nextMessage(c, (m) => m.conversation.kind === 'group')
    await send('group', members[2]!, group.number, [{ mention: ME }, ' 记得交作业'])
    const m = await got
    expect(summaryOf(c, m.conversation)?.mentioned).toBe(true)
    const rows = c.online().history.conversations().filter((r) => r.ref.key === m.conversation.key)
    expect(rows.map((r) => r.mentioned)).toEqual([true])
  })
})

describe('not a mention of me', () => {
  it('a mention of someone else, an @ in passing, and my own message that names me leave no mark', async () => {
    const c = await online()
    const ref: ConversationRef = { kind: 'group', key: c.online().contacts.snapshot.groups.find((g) => g.name === '吃瓜群')!.key }
    c.online().conversations.markRead(ref)
    const someone = nextMessage(c, (m) => m.conversation.kind === 'group')
    await send('group', members[0]!, group.number, [{ mention: members[1]! }, ' 你来一下'])
    await someone
    const passing = nextMessage(c, (m) => m.conversation.kind === 'group')
    await send('group', members[0]!, group.number, ['邮箱是 a@b.com'])
    await passing
    expect(summaryOf(c, ref)?.mentioned).toBeUndefined()
    const [own] = c.online().sender.send(ref, [{ type: 'text', text: `@${CARD} 提醒自己` }])
    await eventually(() => c.online().conversations.page(ref, undefined, 20).find((x) => x.id === own!.id && x.status === 'sent'), 5000, 'my message sent')
    expect(summaryOf(c, ref)?.mentioned).toBeUndefined()
  })
})

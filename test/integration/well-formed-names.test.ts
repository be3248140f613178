import { describe, expect, it } from 'vitest'
import type { QQClient } from '../../electron/engine/client'
import { eventually, loginClient, newClient, nextMessage, tempDir } from '../support/client'
import { useEmulator } from '../support/use-emulator'

/**
 * Issue 8: a contact name with a lone surrogate once split the conversation — in memory the key
 * held the surrogate, SQLite stored U+FFFD, and after a re-login the open chat stopped updating.
 * Names are made well-formed where they are decoded, so the key is the same everywhere.
 */

const { emu, phone } = await useEmulator({ seed: 11, pollHoldMs: 300, chatter: false })


describe('names with lone surrogates and NUL', () => {
  it('keeps one conversation across a re-login for a friend whose nick has a lone surrogate, apart from the otherwise identical name', async () => {
    const world = await phone.contacts()
    const [odd, plain, nul] = world.friends.filter((f: any) => !f.bot && !f.markname)
    for (const [who, name] of [
      [odd, 'Alice\uD800'],
      [plain, 'Alice'],
      [nul, 'Bo\u0000b'],
    ] as const) {
      expect((await phone.post('/control/contacts/rename', { kind: 'person', id: who.qq, name })).status).toBe(200)
    }
    const dataDir = tempDir()
    const say = async (c: QQClient, qq: string, text: string, nick: string) => {
      const arrived = nextMessage(c, (m) => m.segments.some((s) => s.type === 'text' && s.text === text))
      await phone.post('/control/messages/send', { kind: 'friend', from: qq, content: [text] })
      const m = await arrived
      expect(c.online().contacts.snapshot.friends.find((f) => f.key === m.conversation.key)?.nick).toBe(nick)
      return m
    }

    const first = newClient(emu.profile, { dataDir })
    await loginClient(first, phone)
    const nicks = first.online().contacts.snapshot.friends.map((f) => f.nick)
    expect(nicks).toContain('Alice\uFFFD')
    expect(nicks).toContain('Alice')
    expect(nicks).toContain('Bob')
    expect(nicks.every((n) => (n as string & { isWellFormed(): boolean }).isWellFormed() && !n.includes('\0'))).toBe(true)
    const m1 = await say(first, odd.qq, 'first login', 'Alice\uFFFD')
    const other = await say(first, plain.qq, 'the other Alice', 'Alice')
    expect(other.conversation.key).not.toBe(m1.conversation.key)
    await first.shutdown()

    const second = newClient(emu.profile, { dataDir })
    await loginClient(second, phone)
    const m2 = await say(second, odd.qq, 'second login', 'Alice\uFFFD')
    expect(m2.conversation).toEqual(m1.conversation)
    // Both messages in that one conversation, read back from the database.
    const texts = second.online().conversations.page(m2.conversation, undefined, 10).flatMap((m) => m.segments.map((s) => (s.type === 'text' ? s.text : '')))
    expect(texts).toEqual(expect.arrayContaining(['first login', 'second login']))
    expect(texts).not.toContain('the other Alice')
    await eventually(() => second.online().conversations.list().filter((s) => s.ref.key === m1.conversation.key).length === 1 || undefined, 5000, 'one conversation')
    expect(second.online().conversations.list().filter((s) => s.title.startsWith('Alice'))).toHaveLength(2)
    await second.shutdown()
  })
})

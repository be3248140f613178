// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import ChatHeader from '../../../renderer/src/components/chat/ChatHeader.vue'
import { summary } from './fixtures'
import { flushPromises, mountWith, setup } from './harness'

const FRIEND = { kind: 'friend' as const, key: 'f:q:10002' }
const GROUP = { kind: 'group' as const, key: 'g:n:Chess' }

describe('chat header toggles', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('say whether they are on, in their name and their pressed state, and switch through the commands', async () => {
    const h = setup()
    h.api.emit('conversations.changed', [summary(FRIEND.key, { pinned: true, muted: false })])
    const w = mountWith(h, ChatHeader, { props: { conversation: FRIEND } })
    await flushPromises()
    const pin = w.get('[data-testid="pin-button"]')
    const mute = w.get('[data-testid="mute-button"]')
    expect([pin.attributes('aria-pressed'), pin.attributes('aria-label'), pin.attributes('title')]).toEqual(['true', '取消置顶', '取消置顶'])
    expect([mute.attributes('aria-pressed'), mute.attributes('aria-label')]).toEqual(['false', '消息免打扰'])
    await pin.trigger('click')
    await mute.trigger('click')
    expect(h.api.argsOf('conversation.setPinned')).toEqual([{ conversation: FRIEND, pinned: false }])
    expect(h.api.argsOf('conversation.setMuted')).toEqual([{ conversation: FRIEND, muted: true }])
    expect(w.find('[data-testid="members-button"]').exists()).toBe(false)
  })

  it('open and close the member panel of a group', async () => {
    const h = setup()
    h.api.emit('conversations.changed', [summary(GROUP.key, { ref: GROUP })])
    const w = mountWith(h, ChatHeader, { props: { conversation: GROUP } })
    await flushPromises()
    const members = w.get('[data-testid="members-button"]')
    expect(members.attributes('aria-pressed')).toBe('false')
    await members.trigger('click')
    expect(members.attributes('aria-pressed')).toBe('true')
    await members.trigger('click')
    expect(members.attributes('aria-pressed')).toBe('false')
  })
})

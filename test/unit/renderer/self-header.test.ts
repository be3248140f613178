// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { LONG_NICK_MAX } from '../../../electron/ipc/contract'
import SelfHeader from '../../../renderer/src/components/sidebar/SelfHeader.vue'
import { useContactsStore } from '../../../renderer/src/stores/contacts'
import { useUiStore } from '../../../renderer/src/stores/ui'
import { snapshot } from './fixtures'
import { flushPromises, mountWith, setup, type Harness } from './harness'

const SELF = { qq: '10000', uin: '1', nick: '小企鹅', face: 0, lnick: '旧签名', status: 'online' as const, gender: '', city: '' }

function online(h: Harness) {
  h.api.emit('session.state', { kind: 'online', qq: '10000', nick: '小企鹅', status: 'online' })
  h.api.emit('contacts.changed', snapshot({ self: SELF }))
  return mountWith(h, SelfHeader)
}

describe('own profile header', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('shows nick and status, and changes the status', async () => {
    const h = setup()
    const w = online(h)
    expect(w.get('[data-testid="self-nick"]').text()).toBe('小企鹅')
    await w.get('[data-testid="self-status"]').setValue('busy')
    await flushPromises()
    expect(h.api.argsOf('self.setStatus')).toEqual([{ status: 'busy' }])
    expect(useContactsStore().self?.status).toBe('busy')
  })

  it('puts the status back when the service refused it', async () => {
    const h = setup()
    const w = online(h)
    h.api.fail('self.setStatus', { kind: 'protocol', message: '', retcode: 108 })
    await w.get('[data-testid="self-status"]').setValue('away')
    await flushPromises()
    expect(useContactsStore().self?.status).toBe('online')
    expect(useUiStore().toasts).toHaveLength(1)
  })

  it('edits the long nick inline: Enter saves, Esc cancels', async () => {
    const h = setup()
    const w = online(h)
    expect(w.get('[data-testid="self-lnick"]').text()).toBe('旧签名')
    await w.get('[data-testid="self-lnick"]').trigger('click')
    await w.get('[data-testid="self-lnick-input"]').setValue('新签名')
    await w.get('[data-testid="self-lnick-input"]').trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(h.api.argsOf('self.setLongNick')).toEqual([{ text: '新签名' }])
    expect(w.get('[data-testid="self-lnick"]').text()).toBe('新签名')
    await w.get('[data-testid="self-lnick"]').trigger('click')
    await w.get('[data-testid="self-lnick-input"]').setValue('不要了')
    await w.get('[data-testid="self-lnick-input"]').trigger('keydown', { key: 'Escape' })
    expect(h.api.argsOf('self.setLongNick')).toHaveLength(1)
    expect(w.get('[data-testid="self-lnick"]').text()).toBe('新签名')
  })

  it('shows a long signature whole on hover, edits it in a field with the contract\'s limit and a counter, one line kept', async () => {
    const h = setup()
    const long = '长'.repeat(145)
    h.api.emit('session.state', { kind: 'online', qq: '10000', nick: '小企鹅', status: 'online' })
    h.api.emit('contacts.changed', snapshot({ self: { ...SELF, lnick: long } }))
    const w = mountWith(h, SelfHeader)
    const button = w.get('[data-testid="self-lnick"]')
    expect(button.attributes('title')).toBe(long)
    expect(button.attributes('aria-label')).toBe(`编辑个性签名：${long}`)
    await button.trigger('click')
    const input = w.get('[data-testid="self-lnick-input"]')
    expect(input.element.tagName).toBe('TEXTAREA')
    expect(input.attributes('maxlength')).toBe(String(LONG_NICK_MAX))
    expect(w.get('[data-testid="self-lnick-counter"]').text()).toBe(`145/${LONG_NICK_MAX}`)
    await input.setValue('第一行\n第二行')
    expect(w.get('[data-testid="self-lnick-counter"]').text()).toBe(`7/${LONG_NICK_MAX}`)
    await input.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(h.api.argsOf('self.setLongNick')).toEqual([{ text: '第一行 第二行' }])
  })

  it('opens settings and message search from its buttons', async () => {
    const h = setup()
    const w = online(h)
    await w.get('[data-testid="settings-button"]').trigger('click')
    expect(useUiStore().settingsOpen).toBe(true)
    await w.get('[data-testid="message-search-button"]').trigger('click')
    expect(useUiStore().panel).toBe('search')
  })
})

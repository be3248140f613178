// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, MESSAGE_TEXT_MAX } from '../../../electron/ipc/contract'
import Composer from '../../../renderer/src/components/chat/Composer.vue'
import { composerKey } from '../../../renderer/src/components/chat/composer-keys'
import { parseOutgoing, segmentsToText } from '../../../renderer/src/lib/faces-text'
import { useConversationsStore } from '../../../renderer/src/stores/conversations'
import { useMessagesStore } from '../../../renderer/src/stores/messages'
import { useSettingsStore } from '../../../renderer/src/stores/settings'
import { message } from './fixtures'
import { flushPromises, mountWith, setup, type Harness } from './harness'

const A = { kind: 'friend' as const, key: 'f:q:10001' }

function mountComposer(h: Harness) {
  h.api.answer('message.send', (args) => message({ conversation: args.conversation, direction: 'out', status: 'sending' }))
  return mountWith(h, Composer, { props: { conversation: A } })
}

function sentTexts(h: Harness): string[] {
  return h.api.argsOf('message.send').map((a) => a.segments.map((s) => (s.type === 'text' ? s.text : `<${s.id}>`)).join(''))
}

describe('composer keys', () => {
  const key = (over: Partial<KeyboardEvent>) => ({ key: 'Enter', shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, isComposing: false, ...over })

  it('in "enter" mode: Enter sends, Shift+Enter and Ctrl+Enter break the line', () => {
    expect(composerKey(key({}), 'enter')).toBe('send')
    expect(composerKey(key({ shiftKey: true }), 'enter')).toBe('default')
    expect(composerKey(key({ ctrlKey: true }), 'enter')).toBe('newline')
  })

  it('in "ctrl-enter" mode: Ctrl+Enter (or Cmd+Enter) sends, Enter breaks the line', () => {
    expect(composerKey(key({}), 'ctrl-enter')).toBe('default')
    expect(composerKey(key({ ctrlKey: true }), 'ctrl-enter')).toBe('send')
    expect(composerKey(key({ metaKey: true }), 'ctrl-enter')).toBe('send')
  })

  it('leaves Enter to the input method while it composes', () => {
    expect(composerKey(key({ isComposing: true }), 'enter')).toBe('default')
  })
})

describe('face names in text', () => {
  it('turns known [名字] into face segments and leaves the rest as text', () => {
    expect(parseOutgoing('[微笑]你好[呲牙][不存在] [惊讶]')).toEqual([
      { type: 'face', id: 14 },
      { type: 'text', text: '你好' },
      { type: 'face', id: 13 },
      { type: 'text', text: '[不存在] ' },
      { type: 'face', id: 0 },
    ])
    expect(parseOutgoing('plain')).toEqual([{ type: 'text', text: 'plain' }])
    expect(parseOutgoing('')).toEqual([])
  })

  it('splits text longer than one segment may carry', () => {
    const n = MESSAGE_TEXT_MAX
    expect(parseOutgoing('x'.repeat(2 * n + 5)).map((s) => s.type === 'text' && s.text.length)).toEqual([n, n, 5])
  })

  it('goes back to text for recall', () => {
    expect(segmentsToText([{ type: 'text', text: 'a' }, { type: 'face', id: 14 }, { type: 'image', ref: 'x' }])).toBe('a[微笑]')
  })
})

describe('composer', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('sends on Enter, not on Shift+Enter (default setting)', async () => {
    const h = setup()
    const w = mountComposer(h)
    const box = w.get('[data-testid="composer"]')
    await box.setValue('line one')
    await box.trigger('keydown', { key: 'Enter', shiftKey: true })
    expect(h.api.argsOf('message.send')).toHaveLength(0)
    await box.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    expect(sentTexts(h)).toEqual(['line one'])
    expect((box.element as HTMLTextAreaElement).value).toBe('')
  })

  it('sends on Ctrl+Enter only when the setting says so', async () => {
    const h = setup()
    h.api.emit('settings.changed', { ...DEFAULT_SETTINGS, sendKey: 'ctrl-enter' })
    expect(useSettingsStore().settings.sendKey).toBe('ctrl-enter')
    const w = mountComposer(h)
    const box = w.get('[data-testid="composer"]')
    await box.setValue('hello')
    await box.trigger('keydown', { key: 'Enter' })
    expect(h.api.argsOf('message.send')).toHaveLength(0)
    await box.trigger('keydown', { key: 'Enter', ctrlKey: true })
    await flushPromises()
    expect(sentTexts(h)).toEqual(['hello'])
    expect(w.text()).toContain('Ctrl+Enter 发送，Enter 换行')
  })

  it('inserts a line break for Ctrl+Enter in "enter" mode', async () => {
    const h = setup()
    const w = mountComposer(h)
    const box = w.get('[data-testid="composer"]')
    await box.setValue('ab')
    ;(box.element as HTMLTextAreaElement).setSelectionRange(1, 1)
    await box.trigger('keydown', { key: 'Enter', ctrlKey: true })
    expect((box.element as HTMLTextAreaElement).value).toBe('a\nb')
    expect(h.api.argsOf('message.send')).toHaveLength(0)
  })

  it('does not send blank text', async () => {
    const h = setup()
    const w = mountComposer(h)
    await w.get('[data-testid="composer"]').setValue('   \n ')
    await w.get('[data-testid="composer"]').trigger('keydown', { key: 'Enter' })
    expect(h.api.argsOf('message.send')).toHaveLength(0)
    expect(w.get('[data-testid="send-button"]').attributes('disabled')).toBeDefined()
  })

  it('sends typed [微笑] and picked faces as face segments', async () => {
    const h = setup()
    const w = mountComposer(h)
    await w.get('[data-testid="composer"]').setValue('好[微笑]')
    await w.get('[data-testid="face-picker-button"]').trigger('click')
    await w.get('[data-testid="face-search"]').setValue('Grin')
    const faces = w.findAll('[data-testid="face-picker"] button.face')
    expect(faces).toHaveLength(1)
    expect(faces[0]?.attributes('title')).toBe('呲牙 Grin')
    await faces[0]?.trigger('click')
    expect((w.get('[data-testid="composer"]').element as HTMLTextAreaElement).value).toBe('好[微笑][呲牙]')
    await w.get('[data-testid="send-button"]').trigger('click')
    await flushPromises()
    expect(h.api.argsOf('message.send')[0]?.segments).toEqual([{ type: 'text', text: '好' }, { type: 'face', id: 14 }, { type: 'face', id: 13 }])
  })

  it('recalls the last sent text with Up in an empty composer, not otherwise', async () => {
    const h = setup()
    const w = mountComposer(h)
    const box = w.get('[data-testid="composer"]')
    await box.trigger('keydown', { key: 'ArrowUp' })
    expect((box.element as HTMLTextAreaElement).value).toBe('')
    await box.setValue('first [微笑]')
    await box.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    await box.trigger('keydown', { key: 'ArrowUp' })
    expect((box.element as HTMLTextAreaElement).value).toBe('first [微笑]')
    await box.setValue('x')
    await box.trigger('keydown', { key: 'ArrowUp' })
    expect((box.element as HTMLTextAreaElement).value).toBe('x')
  })

  it('recalls from history when nothing was sent in this window', async () => {
    const h = setup()
    h.api.answer('history.page', [message({ conversation: A, direction: 'out', status: 'sent', segments: [{ type: 'text', text: 'yesterday ' }, { type: 'face', id: 13 }] })])
    await useMessagesStore().loadLatest(A)
    const w = mountComposer(h)
    await w.get('[data-testid="composer"]').trigger('keydown', { key: 'ArrowUp' })
    expect((w.get('[data-testid="composer"]').element as HTMLTextAreaElement).value).toBe('yesterday [呲牙]')
  })

  it('gives the text back when the send could not even be queued', async () => {
    const h = setup()
    const w = mountWith(h, Composer, { props: { conversation: A } })
    h.api.fail('message.send', { kind: 'network', message: 'not connected' })
    await w.get('[data-testid="composer"]').setValue('keep me')
    await w.get('[data-testid="send-button"]').trigger('click')
    await flushPromises()
    expect((w.get('[data-testid="composer"]').element as HTMLTextAreaElement).value).toBe('keep me')
  })

  it('has a picture button that says SmartQQ cannot send pictures instead of failing, and says so for a pasted picture', async () => {
    const h = setup()
    const w = mountComposer(h)
    const button = w.get('[data-testid="picture-button"]')
    expect([button.attributes('aria-disabled'), button.attributes('aria-label'), button.attributes('title')]).toEqual(['true', '网页版 QQ 不支持发送图片', '网页版 QQ 不支持发送图片'])
    await button.trigger('click')
    const clipboardData = new DataTransfer()
    clipboardData.items.add(new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'shot.png', { type: 'image/png' }))
    const e = new ClipboardEvent('paste', { clipboardData, cancelable: true, bubbles: true })
    w.get('[data-testid="composer"]').element.dispatchEvent(e)
    await flushPromises()
    expect(e.defaultPrevented).toBe(true)
    expect(w.get('[data-testid="composer-picture-refused"]').text()).toBe('网页版 QQ 不支持发送图片')
    expect(h.api.calls.filter((c) => c.name === 'message.send')).toEqual([])
    await w.get('[data-testid="composer"]').setValue('typing on')
    expect(w.find('[data-testid="composer-picture-refused"]').exists()).toBe(false)

    const en = mountComposer(setup({ locale: 'en' }))
    expect(en.get('[data-testid="picture-button"]').attributes('aria-label')).toBe('SmartQQ cannot send pictures')
  })

  describe('length limit', () => {
    function paste(el: Element, text: string): ClipboardEvent {
      const clipboardData = new DataTransfer()
      clipboardData.setData('text/plain', text)
      const e = new ClipboardEvent('paste', { clipboardData, cancelable: true, bubbles: true })
      el.dispatchEvent(e)
      return e
    }

    it('shows no counter for ordinary text, and one from 80 % of the limit', async () => {
      const h = setup()
      const w = mountComposer(h)
      const box = w.get('[data-testid="composer"]')
      await box.setValue('x'.repeat(Math.floor(MESSAGE_TEXT_MAX * 0.8) - 1))
      expect(w.find('[data-testid="composer-counter"]').exists()).toBe(false)
      await box.setValue('x'.repeat(Math.floor(MESSAGE_TEXT_MAX * 0.8)))
      expect(w.get('[data-testid="composer-counter"]').text()).toBe(`${Math.floor(MESSAGE_TEXT_MAX * 0.8)} / ${MESSAGE_TEXT_MAX}`)
      expect(box.attributes('maxlength')).toBe(String(MESSAGE_TEXT_MAX))
    })

    it('cuts a 1.2 MB paste at the limit, at the cursor, and says so (zh-CN)', async () => {
      const h = setup()
      const w = mountComposer(h)
      const box = w.get('[data-testid="composer"]')
      await box.setValue('ab')
      ;(box.element as HTMLTextAreaElement).setSelectionRange(1, 1)
      const e = paste(box.element, 'y'.repeat(1_200_000))
      await flushPromises()
      expect(e.defaultPrevented).toBe(true)
      const value = (box.element as HTMLTextAreaElement).value
      expect(value).toHaveLength(MESSAGE_TEXT_MAX)
      expect(value.startsWith('ay')).toBe(true)
      expect(value.endsWith('yb')).toBe(true)
      expect(w.get('[data-testid="composer-cut"]').text()).toBe(`内容超过 ${MESSAGE_TEXT_MAX} 字的上限，超出部分没有放入输入框`)
      expect(w.get('[data-testid="composer-counter"]').text()).toBe(`${MESSAGE_TEXT_MAX} / ${MESSAGE_TEXT_MAX}`)
      expect(useConversationsStore().draftOf(A)).toHaveLength(MESSAGE_TEXT_MAX)
    })

    it('says it in English too, and leaves a paste that fits to the browser', async () => {
      const h = setup({ locale: 'en' })
      const w = mountComposer(h)
      const box = w.get('[data-testid="composer"]')
      expect(paste(box.element, 'short').defaultPrevented).toBe(false)
      expect(w.find('[data-testid="composer-cut"]').exists()).toBe(false)
      paste(box.element, 'z'.repeat(MESSAGE_TEXT_MAX + 1))
      await flushPromises()
      expect(w.get('[data-testid="composer-cut"]').text()).toBe(`Longer than the ${MESSAGE_TEXT_MAX}-character limit: the rest was not pasted`)
    })

    it('never cuts a surrogate pair in half', async () => {
      const h = setup()
      const w = mountComposer(h)
      const box = w.get('[data-testid="composer"]')
      await box.setValue('x'.repeat(MESSAGE_TEXT_MAX - 1))
      paste(box.element, '😀😀')
      await flushPromises()
      expect((box.element as HTMLTextAreaElement).value).toBe('x'.repeat(MESSAGE_TEXT_MAX - 1))
      expect(w.find('[data-testid="composer-cut"]').exists()).toBe(true)
    })

    it('cuts a draft over the limit from any other way in, and says so', async () => {
      const h = setup()
      const w = mountComposer(h)
      const box = w.get('[data-testid="composer"]')
      await box.setValue('w'.repeat(MESSAGE_TEXT_MAX + 500))
      expect((box.element as HTMLTextAreaElement).value).toHaveLength(MESSAGE_TEXT_MAX)
      expect(w.find('[data-testid="composer-cut"]').exists()).toBe(true)
      expect(useConversationsStore().draftOf(A)).toHaveLength(MESSAGE_TEXT_MAX)
    })
  })
})

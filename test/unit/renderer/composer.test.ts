// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, MESSAGE_TEXT_MAX, type GroupDetails, type GroupMember } from '../../../electron/ipc/contract'
import Composer from '../../../renderer/src/components/chat/Composer.vue'
import { composerKey } from '../../../renderer/src/components/chat/composer-keys'
import { parseOutgoing, segmentsToText } from '../../../renderer/src/lib/faces-text'
import { useConversationsStore } from '../../../renderer/src/stores/conversations'
import { useMessagesStore } from '../../../renderer/src/stores/messages'
import { useQuoteStore } from '../../../renderer/src/stores/quote'
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

  it('goes back to text for recall, faces as faces', () => {
    expect(segmentsToText([{ type: 'text', text: 'a' }, { type: 'face', id: 14 }, { type: 'image', ref: 'x' }])).toBe('a🙂')
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

  it('shows typed [微笑] and picked faces as faces, and sends them as face segments', async () => {
    const h = setup()
    const w = mountComposer(h)
    await w.get('[data-testid="composer"]').setValue('好[微笑]')
    await flushPromises()
    expect((w.get('[data-testid="composer"]').element as HTMLTextAreaElement).value).toBe('好🙂')
    await w.get('[data-testid="face-picker-button"]').trigger('click')
    await w.get('[data-testid="face-search"]').setValue('Grin')
    const faces = w.findAll('[data-testid="face-picker"] button.face')
    expect(faces).toHaveLength(1)
    expect(faces[0]?.attributes('title')).toBe('呲牙 Grin')
    await faces[0]?.trigger('click')
    expect((w.get('[data-testid="composer"]').element as HTMLTextAreaElement).value).toBe('好🙂😁')
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
    await flushPromises()
    await box.trigger('keydown', { key: 'Enter' })
    await flushPromises()
    await box.trigger('keydown', { key: 'ArrowUp' })
    expect((box.element as HTMLTextAreaElement).value).toBe('first 🙂')
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
    expect((w.get('[data-testid="composer"]').element as HTMLTextAreaElement).value).toBe('yesterday 😁')
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

  it('inserts the only face a search finds on Enter, and shows a stored [名字] draft as faces', async () => {
    const h = setup()
    useConversationsStore().setDraft(A, '早[强]')
    const w = mountComposer(h)
    const box = w.get('[data-testid="composer"]')
    expect((box.element as HTMLTextAreaElement).value).toBe('早👍')
    await w.get('[data-testid="face-picker-button"]').trigger('click')
    const search = w.get('[data-testid="face-search"]')
    await search.setValue('酷')
    expect(w.findAll('[data-testid="face-picker"] button.face').map((b) => b.text())).toEqual(['😎'])
    await search.trigger('keydown', { key: 'Enter' })
    expect(w.find('[data-testid="face-picker"]').exists()).toBe(false)
    expect((box.element as HTMLTextAreaElement).value).toBe('早👍😎')
  })

  describe('@ in a group', () => {
    const G = { kind: 'group' as const, key: 'g:n:Chess' }
    const member = (uin: string, over: Partial<GroupMember>): GroupMember => ({ uin, nick: `nick${uin}`, displayName: `nick${uin}`, status: 'online', client: 'pc', role: 'member', vipLevel: 0, gender: '', ...over })
    const DETAILS: GroupDetails = {
      key: G.key,
      memo: '',
      level: 1,
      createTime: 0,
      members: [
        member('1', { nick: 'zoe', card: '小张', displayName: '小张' }),
        member('2', { nick: 'bob', displayName: '老王（备注）' }),
        member('3', { nick: 'ann', card: '群主安', displayName: '群主安', role: 'owner' }),
      ],
    }

    function mountGroup(h: Harness) {
      h.api.answer('group.members', DETAILS)
      h.api.answer('message.send', (args) => message({ conversation: args.conversation, direction: 'out', status: 'sending' }))
      return mountWith(h, Composer, { props: { conversation: G } })
    }

    async function type(box: ReturnType<ReturnType<typeof mountGroup>['get']>, value: string) {
      const el = box.element as HTMLTextAreaElement
      el.value = value
      el.setSelectionRange(value.length, value.length)
      await box.trigger('input')
      await flushPromises()
    }

    it('offers the members by label (owner first), filters as you type, picks with arrows + Enter and inserts @card ', async () => {
      const h = setup()
      const w = mountGroup(h)
      const box = w.get('[data-testid="composer"]')
      await type(box, '你好 @')
      expect(h.api.argsOf('group.members')).toEqual([{ key: G.key, refresh: false }])
      const options = () => w.findAll('[data-testid="mention-option"]')
      expect(options().map((o) => o.find('.label').text())).toEqual(['群主安', '老王（备注）', '小张'])
      expect(w.get('[role="listbox"]').attributes('id')).toBe(box.attributes('aria-controls'))
      expect(box.attributes('aria-autocomplete')).toBe('list')
      expect(box.attributes('aria-activedescendant')).toBe(options()[0]!.attributes('id'))
      expect(options()[0]!.attributes('aria-selected')).toBe('true')

      await type(box, '你好 @b')
      expect(options().map((o) => o.attributes('data-uin'))).toEqual(['2'])
      await type(box, '你好 @')
      await box.trigger('keydown', { key: 'ArrowDown' })
      expect(box.attributes('aria-activedescendant')).toBe(options()[1]!.attributes('id'))
      await box.trigger('keydown', { key: 'ArrowUp' })
      await box.trigger('keydown', { key: 'ArrowUp' })
      expect(options()[2]!.attributes('aria-selected')).toBe('true')
      await box.trigger('keydown', { key: 'Enter' })
      await flushPromises()
      // The mention carries what the others see (the card, else the nick), never my own remark.
      expect((box.element as HTMLTextAreaElement).value).toBe('你好 @小张 ')
      expect(w.find('[data-testid="mention-picker"]').exists()).toBe(false)
      expect(h.api.argsOf('message.send')).toHaveLength(0)

      await type(box, '你好 @小张 和 @b')
      await box.trigger('keydown', { key: 'Tab' })
      await flushPromises()
      expect((box.element as HTMLTextAreaElement).value).toBe('你好 @小张 和 @bob ')
      await box.trigger('keydown', { key: 'Enter' })
      await flushPromises()
      expect(sentTexts(h)).toEqual(['你好 @小张 和 @bob '])
    })

    it('closes on Esc without the Esc reaching the window, and stays closed for that @', async () => {
      const h = setup()
      const w = mountGroup(h)
      const box = w.get('[data-testid="composer"]')
      await type(box, '@')
      expect(w.find('[data-testid="mention-picker"]').exists()).toBe(true)
      let reached = false
      const onWindow = () => (reached = true)
      window.addEventListener('keydown', onWindow)
      await box.trigger('keydown', { key: 'Escape' })
      window.removeEventListener('keydown', onWindow)
      expect(reached).toBe(false)
      expect(w.find('[data-testid="mention-picker"]').exists()).toBe(false)
      expect(box.attributes('aria-activedescendant')).toBeUndefined()
      await type(box, '@z')
      expect(w.find('[data-testid="mention-picker"]').exists()).toBe(false)
      await type(box, '@z @')
      expect(w.findAll('[data-testid="mention-option"]')).toHaveLength(3)
    })

    it('offers nothing in a friend chat', async () => {
      const h = setup()
      const w = mountComposer(h)
      const box = w.get('[data-testid="composer"]')
      await type(box, '@')
      expect(w.find('[data-testid="mention-picker"]').exists()).toBe(false)
      expect(box.attributes('aria-autocomplete')).toBeUndefined()
      expect(h.api.argsOf('group.members')).toHaveLength(0)
    })
  })

  it('takes a quote asked for its conversation: at the top, QQ style, the caret after it', async () => {
    const h = setup()
    const w = mountComposer(h)
    const box = w.get('[data-testid="composer"]')
    await box.setValue('回复')
    useQuoteStore().quote(message({ conversation: { kind: 'friend', key: 'f:q:other' }, segments: [{ type: 'text', text: 'not here' }] }))
    await flushPromises()
    expect((box.element as HTMLTextAreaElement).value).toBe('回复')
    useQuoteStore().quote(message({ conversation: A, direction: 'in', sender: { uin: '9', name: '小明' }, segments: [{ type: 'text', text: '晚上吃什么？' }, { type: 'face', id: 14 }] }))
    await flushPromises()
    const el = box.element as HTMLTextAreaElement
    const quote = '「小明：晚上吃什么？🙂」\n- - - - - - - - - - - - - - -\n'
    expect(el.value).toBe(`${quote}回复`)
    expect([el.selectionStart, el.selectionEnd]).toEqual([quote.length, quote.length])
    expect(useQuoteStore().pending).toBeUndefined()
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

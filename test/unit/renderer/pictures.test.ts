// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import type { ChatMessage, ConversationRef, Picture, Segment } from '../../../electron/ipc/contract'
import ChatPane from '../../../renderer/src/components/chat/ChatPane.vue'
import MessageList from '../../../renderer/src/components/chat/MessageList.vue'
import { fitWithin } from '../../../renderer/src/lib/picture-size'
import { saveName } from '../../../renderer/src/lib/picture-name'
import { useMessagesStore } from '../../../renderer/src/stores/messages'
import { useUiStore } from '../../../renderer/src/stores/ui'
import { message, summary } from './fixtures'
import { fakeLayout, flushPromises, mountWith, setup, type Harness } from './harness'

const A = { kind: 'friend' as const, key: 'f:q:10001' }
const G = { kind: 'group' as const, key: 'g:n:Chess' }

function picture(n: number, width = 800, height = 600): Picture {
  return { hash: n.toString(16).padStart(2, '0').repeat(32), mime: 'image/png', width, height }
}

function image(over: Partial<Extract<Segment, { type: 'image' }>> = {}): Segment {
  return { type: 'image', ref: 'offpic:/7c8f0b3e-1d2a-4f5b-9c6d-0e1f2a3b4c5d', ...over }
}

/** A thread of `messages` loaded in `ref`, the message list mounted on it. */
async function showThread(h: Harness, ref: ConversationRef, messages: ChatMessage[]) {
  fakeLayout()
  h.api.answer('history.page', messages)
  h.api.emit('conversations.changed', [summary(ref.key, { ref, title: 'Amy' })])
  await useMessagesStore().loadLatest(ref)
  const w = mountWith(h, MessageList, { props: { conversation: ref } })
  await flushPromises()
  return w
}

describe('pictures in messages', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('scales a picture down into the bubble keeping its shape, and never blows a tiny one up', () => {
    expect(fitWithin({ width: 800, height: 600 }, { width: 240, height: 240 })).toEqual({ width: 240, height: 180 })
    expect(fitWithin({ width: 300, height: 1200 }, { width: 240, height: 240 })).toEqual({ width: 60, height: 240 })
    expect(fitWithin({ width: 16, height: 16 }, { width: 240, height: 240 })).toEqual({ width: 16, height: 16 })
    expect(fitWithin({ width: 5000, height: 2 }, { width: 240, height: 240 })).toEqual({ width: 240, height: 1 })
  })

  it('shows a skeleton while loading, the picture at its size once it arrives (message.updated, in place), a failure with a retry', async () => {
    const h = setup()
    const loading = message({ id: 'p1', conversation: A, segments: [{ type: 'text', text: 'look' }, image()] })
    const after = message({ id: 'p2', conversation: A })
    const w = await showThread(h, A, [loading, after])
    const skeleton = w.get('[data-testid="picture-loading"]')
    expect(skeleton.attributes('style')).toContain('width: 160px; height: 120px')
    expect(skeleton.attributes('aria-label')).toBe('图片加载中')
    expect(w.find('[data-testid="picture"]').exists()).toBe(false)

    h.api.emit('message.updated', { ...loading, segments: [loading.segments[0]!, image({ picture: picture(1) })] })
    await flushPromises()
    expect(useMessagesStore().thread(A).messages.map((m) => m.id)).toEqual(['p1', 'p2'])
    const img = w.get('[data-testid="picture"]')
    expect(img.attributes('src')).toBe(`/media/${picture(1).hash}?token=page-token`)
    expect([img.attributes('width'), img.attributes('height')]).toEqual(['240', '180'])
    expect(img.attributes('alt')).toBe('Amy 发送的图片')
    // Keyboard: it is a button (Enter and Space open it), named by the picture's alt text.
    expect(img.element.closest('button')?.getAttribute('type')).toBe('button')
    expect(w.find('[data-testid="picture-loading"]').exists()).toBe(false)

    h.api.emit('message.updated', { ...loading, segments: [loading.segments[0]!, image({ failure: { kind: 'timeout', message: '' } })] })
    await flushPromises()
    const failed = w.get('[data-testid="picture-failed"]')
    expect(failed.text()).toContain('图片加载失败')
    expect(failed.attributes('title')).toBe('图片加载失败：请求超时')
    await failed.get('[data-testid="picture-retry"]').trigger('click')
    await flushPromises()
    expect(h.api.argsOf('media.retry')).toEqual([{ messageId: 'p1', index: 1 }])
    // Asked again: loading until the engine says how it went.
    expect(w.find('[data-testid="picture-loading"]').exists()).toBe(true)
  })

  it('puts the failure back when the retry itself is refused, and says why', async () => {
    const h = setup()
    const failed = message({ id: 'f1', conversation: A, segments: [image({ failure: { kind: 'network', message: '' } })] })
    const w = await showThread(h, A, [failed])
    h.api.fail('media.retry', { kind: 'unavailable', message: 'not built yet' })
    await w.get('[data-testid="picture-retry"]').trigger('click')
    await flushPromises()
    expect(w.find('[data-testid="picture-failed"]').exists()).toBe(true)
    expect(useUiStore().toasts.map((t) => t.error.kind)).toEqual(['unavailable'])
  })

  it('shows a picture whose file does not load as failed, and retries it', async () => {
    const h = setup()
    const shown = message({ id: 'b1', conversation: G, sender: { uin: '42', name: 'Bo' }, segments: [image({ picture: picture(2, 16, 16) })] })
    const w = await showThread(h, G, [shown])
    const img = w.get('[data-testid="picture"]')
    expect([img.attributes('width'), img.attributes('height'), img.attributes('alt')]).toEqual(['16', '16', 'Bo 发送的图片'])
    await img.trigger('error')
    expect(w.find('[data-testid="picture"]').exists()).toBe(false)
    await w.get('[data-testid="picture-retry"]').trigger('click')
    await flushPromises()
    expect(h.api.argsOf('media.retry')).toEqual([{ messageId: 'b1', index: 0 }])
    expect(w.find('[data-testid="picture"]').exists()).toBe(true)
  })

  it('shows a picture the service stripped (§6.3) as a neutral [图片], nothing to retry', async () => {
    const h = setup()
    const w = await showThread(h, A, [message({ conversation: A, segments: [{ type: 'image', ref: 'stripped' }] })])
    const placeholder = w.get('[data-testid="picture-stripped"]')
    expect(placeholder.text()).toBe('[图片]')
    expect(w.find('[data-testid="picture-failed"]').exists()).toBe(false)
    expect(w.find('[data-testid="picture-loading"]').exists()).toBe(false)
    expect(w.find('[data-testid="picture-retry"]').exists()).toBe(false)
  })

  it('names a saved picture by what its bytes are, without any folder part', () => {
    expect(saveName({ picture: picture(1), name: '7B6ED3472181A432C2A35EE534A133CE.jPg' })).toBe('7B6ED3472181A432C2A35EE534A133CE.png')
    expect(saveName({ picture: { ...picture(1), mime: 'image/jpeg' } })).toBe(`QQ-${picture(1).hash.slice(0, 12)}.jpg`)
    expect(saveName({ picture: picture(1), name: '../../etc/evil\u202Egnp.exe' })).toBe('evil\uFFFDgnp.png')
  })
})

describe('the lightbox', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  /** A chat with three pictures in two messages (and a failed one, which is not among them), the pane mounted. */
  async function chatWithPictures(host: 'web' | 'electron' = 'web') {
    const h = setup({ host })
    fakeLayout()
    const first = message({ id: 'm1', conversation: A, segments: [image({ picture: picture(1, 4000, 3000) })] })
    const text = message({ id: 'm2', conversation: A })
    const second = message({
      id: 'm3',
      conversation: A,
      direction: 'out',
      status: 'sent',
      segments: [image({ picture: picture(2, 300, 200), name: 'CAT.jpg' }), image({ failure: { kind: 'network', message: '' } }), image({ picture: picture(3, 100, 100) })],
    })
    h.api.answer('history.page', [first, text, second])
    h.api.emit('conversations.changed', [summary(A.key, { ref: A, title: 'Amy' })])
    await useMessagesStore().loadLatest(A)
    const w = mountWith(h, ChatPane, { props: { conversation: A } })
    await flushPromises()
    return { h, w }
  }

  const key = (k: string, over: KeyboardEventInit = {}) => new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...over })

  it('opens on a picture, steps with ←/→ through the chat’s pictures in message order, and Esc closes it back to the picture', async () => {
    const { w } = await chatWithPictures()
    const opener = w.findAll('[data-testid="picture"]')[0]!.element.closest('button')!
    opener.focus()
    opener.click()
    await flushPromises()
    const box = () => w.get('[data-testid="lightbox"]')
    expect(box().attributes('role')).toBe('dialog')
    expect(box().attributes('aria-modal')).toBe('true')
    expect(document.activeElement).toBe(box().element)
    const shown = () => w.get('[data-testid="lightbox-picture"]')
    expect([w.get('[data-testid="lightbox-position"]').text(), shown().attributes('src'), shown().attributes('alt')]).toEqual(['1 / 3', `/media/${picture(1).hash}?token=page-token`, 'Amy 发送的图片'])
    expect(w.get('[data-testid="lightbox"] .sr-only').text()).toBe('第 1 张，共 3 张')
    expect(w.get('[data-testid="lightbox-prev"]').attributes('disabled')).toBeDefined()

    box().element.dispatchEvent(key('ArrowRight'))
    await flushPromises()
    expect([w.get('[data-testid="lightbox-position"]').text(), shown().attributes('src'), shown().attributes('alt')]).toEqual(['2 / 3', `/media/${picture(2).hash}?token=page-token`, '我发送的图片'])
    box().element.dispatchEvent(key('ArrowRight'))
    await flushPromises()
    expect(shown().attributes('src')).toContain(picture(3).hash)
    box().element.dispatchEvent(key('ArrowRight'))
    await flushPromises()
    expect(w.get('[data-testid="lightbox-position"]').text()).toBe('3 / 3')
    expect(w.get('[data-testid="lightbox-next"]').attributes('disabled')).toBeDefined()
    box().element.dispatchEvent(key('ArrowLeft'))
    await flushPromises()
    expect(w.get('[data-testid="lightbox-position"]').text()).toBe('2 / 3')

    box().element.dispatchEvent(key('Escape'))
    await flushPromises()
    expect(w.find('[data-testid="lightbox"]').exists()).toBe(false)
    expect(useUiStore().lightbox).toBeNull()
    expect(document.activeElement).toBe(opener)
  })

  it('fits a big picture to the window (never a small one blown up) and shows it at 100 % on request', async () => {
    const { w } = await chatWithPictures()
    await w.findAll('[data-testid="picture"]')[0]!.element.closest('button')!.click()
    await flushPromises()
    // happy-dom's window is 1024×768; the bar and margins leave 912×668.
    const size = () => [w.get('[data-testid="lightbox-picture"]').attributes('width'), w.get('[data-testid="lightbox-picture"]').attributes('height')]
    expect(size()).toEqual(['891', '668'])
    const zoom = w.get('[data-testid="lightbox-zoom"]')
    expect(zoom.attributes('aria-label')).toBe('原始大小（100%）')
    await zoom.trigger('click')
    expect(size()).toEqual(['4000', '3000'])
    expect(w.get('[data-testid="lightbox-zoom"]').attributes('aria-label')).toBe('适应窗口')
    await w.get('[data-testid="lightbox-zoom"]').trigger('click')
    w.get('[data-testid="lightbox"]').element.dispatchEvent(key('ArrowRight'))
    await flushPromises()
    expect(size()).toEqual(['300', '200'])
  })

  it('keeps Tab inside while open, and the app’s keys (Alt+↓ to the next chat) do not reach behind it', async () => {
    const { w } = await chatWithPictures()
    await w.findAll('[data-testid="picture"]')[0]!.element.closest('button')!.click()
    await flushPromises()
    const box = w.get('[data-testid="lightbox"]').element as HTMLElement
    const first = w.get('[data-testid="lightbox-zoom"]').element as HTMLElement
    const last = w.get('[data-testid="lightbox-next"]').element as HTMLElement
    last.focus()
    const tab = key('Tab')
    last.dispatchEvent(tab)
    expect([tab.defaultPrevented, document.activeElement]).toEqual([true, first])
    first.dispatchEvent(key('Tab', { shiftKey: true }))
    expect(document.activeElement).toBe(last)
    const seen: string[] = []
    const listener = (e: KeyboardEvent): number => seen.push(e.key)
    window.addEventListener('keydown', listener)
    box.dispatchEvent(key('ArrowDown', { altKey: true }))
    window.removeEventListener('keydown', listener)
    expect(seen).toEqual([])
  })

  it('saves as through the main process’s dialog in Electron', async () => {
    const { h, w } = await chatWithPictures('electron')
    await w.findAll('[data-testid="picture"]')[1]!.element.closest('button')!.click()
    await flushPromises()
    expect(w.get('[data-testid="lightbox-picture"]').attributes('src')).toBe(`qq-media://m/${picture(2).hash}`)
    await w.get('[data-testid="lightbox-save"]').trigger('click')
    await flushPromises()
    expect(h.api.argsOf('media.save')).toEqual([{ hash: picture(2).hash, name: 'CAT.png' }])
  })

  it('saves as by a download of the media URL in web mode', async () => {
    const { h, w } = await chatWithPictures('web')
    await w.findAll('[data-testid="picture"]')[1]!.element.closest('button')!.click()
    await flushPromises()
    const save = w.get('[data-testid="lightbox-save"]')
    expect(save.element.tagName).toBe('A')
    expect([save.attributes('href'), save.attributes('download'), save.attributes('aria-label')]).toEqual([`/media/${picture(2).hash}?token=page-token`, 'CAT.png', '另存为…'])
    expect(h.api.argsOf('media.save')).toEqual([])
  })

  it('closes when its picture leaves the thread', async () => {
    const { h, w } = await chatWithPictures()
    await w.findAll('[data-testid="picture"]')[2]!.element.closest('button')!.click()
    await flushPromises()
    const m3 = useMessagesStore().thread(A).messages.find((m) => m.id === 'm3')!
    h.api.emit('message.updated', { ...m3, segments: m3.segments.slice(0, 2) })
    await flushPromises()
    expect(w.find('[data-testid="lightbox"]').exists()).toBe(false)
  })
})

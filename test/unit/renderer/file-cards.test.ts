// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest'
import type { FileTransferView } from '../../../electron/ipc/contract'
import MessageSegments from '../../../renderer/src/components/chat/MessageSegments.vue'
import { extensionOf, fileKind } from '../../../renderer/src/lib/file-kind'
import { shortName, visibleName } from '../../../renderer/src/lib/file-name'
import { useConversationsStore } from '../../../renderer/src/stores/conversations'
import { useFilesStore } from '../../../renderer/src/stores/files'
import { message, summary } from './fixtures'
import { flushPromises, mountWith, setup, type Harness } from './harness'

const A = { kind: 'friend' as const, key: 'f:q:10001' }
const MB = 1024 * 1024

function transfer(over: Partial<FileTransferView> = {}): FileTransferView {
  return { id: 't1', conversation: A, name: 'report.pdf', size: 4 * MB, state: 'offered', received: 0, time: Date.UTC(2024, 0, 2), ...over }
}

/** A message offering the file `view` describes, its card mounted, the store knowing `view` (or nothing). */
async function card(h: Harness, view: FileTransferView | undefined, name = view?.name ?? 'report.pdf') {
  h.api.answer('file.list', view ? [view] : [])
  const offer = message({ conversation: A, segments: [{ type: 'file', name, size: view?.size, transfer: view?.id ?? 't1' }] })
  const w = mountWith(h, MessageSegments, { props: { message: offer } })
  await flushPromises()
  return { w, card: () => w.get('[data-testid="file-card"]') }
}

const buttons = (w: Awaited<ReturnType<typeof card>>['w']) => w.findAll('[data-testid="file-card"] .actions > *').map((b) => [b.attributes('data-testid'), b.text()])

describe('what a file is, and its name shown safely', () => {
  it('reads the kind from the extension', () => {
    expect(['a.PNG', 'b.tar.gz', 'c.docx', 'd.mp3', 'e.mkv', 'f.ts', 'g.exe', '.bashrc', 'noext', 'x.'].map((n) => [extensionOf(n), fileKind(n)])).toEqual([
      ['png', 'image'],
      ['gz', 'archive'],
      ['docx', 'document'],
      ['mp3', 'audio'],
      ['mkv', 'video'],
      ['ts', 'code'],
      ['exe', 'other'],
      ['', 'other'],
      ['', 'other'],
      ['', 'other'],
    ])
  })

  it('makes bidi and control characters visible, and cuts a long name in the middle keeping its extension (Chinese characters count two columns)', () => {
    expect(visibleName('report\u202Etxt.exe')).toBe('report\uFFFDtxt.exe')
    expect(visibleName('a\u2066b\u2069\nc\u0007')).toBe('a\uFFFDb\uFFFD\uFFFDc\uFFFD')
    const long = `${'很长的文件名'.repeat(50)}.pdf`
    // 17 characters (34 columns), the ellipsis, four characters and the extension (12): 47 of 48.
    expect(shortName(long)).toBe(`${'很长的文件名'.repeat(2)}很长的文件…的文件名.pdf`)
    expect(shortName(`${'a'.repeat(60)}.txt`)).toBe(`${'a'.repeat(39)}…aaaa.txt`)
    expect(shortName('short.txt')).toBe('short.txt')
    // An emoji with modifiers is one (wide) character and is never split.
    expect(shortName(`${'👩🏽‍💻'.repeat(60)}.zip`, 10)).toBe(`${'👩🏽‍💻'.repeat(2)}….zip`)
  })
})

describe('file cards', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('offers 接收 and 拒绝 while offered, and sends file.accept / file.refuse (once: a second click waits for the first)', async () => {
    const h = setup()
    const { w, card: c } = await card(h, transfer())
    expect(c().attributes('data-state')).toBe('offered')
    expect(c().get('[data-testid="file-name"]').text()).toBe('report.pdf')
    expect(c().text()).toContain('4 MB · 文档')
    expect(c().get('[data-testid="file-status"]').text()).toBe('对方发来文件，等待你接收')
    expect(buttons(w)).toEqual([
      ['file-accept', '接收'],
      ['file-refuse', '拒绝'],
    ])
    await w.get('[data-testid="file-accept"]').trigger('click')
    await w.get('[data-testid="file-accept"]').trigger('click')
    await w.get('[data-testid="file-refuse"]').trigger('click')
    await flushPromises()
    await w.get('[data-testid="file-refuse"]').trigger('click')
    await flushPromises()
    expect(h.api.calls.filter((x) => x.name.startsWith('file.') && x.name !== 'file.list')).toEqual([
      { name: 'file.accept', args: { id: 't1' } },
      { name: 'file.refuse', args: { id: 't1' } },
    ])
  })

  it('follows a transfer with a progress bar, what came, the rate and the time left, and cancels it', async () => {
    const h = setup()
    const { w, card: c } = await card(h, transfer())
    h.api.emit('file.transfer', transfer({ state: 'receiving', received: 1 * MB, rate: 256 * 1024, remainingMs: 12_000 }))
    await flushPromises()
    expect(c().attributes('data-state')).toBe('receiving')
    const bar = c().get('[data-testid="file-progress"]')
    expect([bar.element.tagName, bar.attributes('max'), bar.attributes('value'), bar.attributes('aria-label')]).toEqual(['PROGRESS', String(4 * MB), String(MB), '接收进度'])
    expect(c().get('[data-testid="file-status"]').text()).toBe('1 MB / 4 MB · 256 KB/秒 · 剩余 12 秒')
    expect(buttons(w)).toEqual([['file-cancel', '取消']])
    await w.get('[data-testid="file-cancel"]').trigger('click')
    await flushPromises()
    expect(h.api.argsOf('file.cancel')).toEqual([{ id: 't1' }])
  })

  it.each([
    [{ remainingMs: 75_000 }, '1 MB / 4 MB · 256 KB/秒 · 剩余 1 分 15 秒'],
    [{ remainingMs: 3_720_000 }, '1 MB / 4 MB · 256 KB/秒 · 剩余 1 小时 2 分'],
    [{ remainingMs: 200 }, '1 MB / 4 MB · 256 KB/秒 · 剩余 1 秒'],
    [{ rate: undefined, remainingMs: undefined }, '1 MB / 4 MB'],
    [{ size: undefined, rate: undefined, remainingMs: undefined }, '已接收 1 MB'],
  ])('words progress %j', async (over, text) => {
    const h = setup()
    const { card: c } = await card(h, transfer({ state: 'receiving', received: MB, rate: 256 * 1024, ...over }))
    expect(c().get('[data-testid="file-status"]').text()).toBe(text)
  })

  it('says progress in English too', async () => {
    const h = setup({ locale: 'en' })
    const { card: c } = await card(h, transfer({ state: 'receiving', received: MB, rate: 256 * 1024, remainingMs: 75_000 }))
    expect(c().get('[data-testid="file-status"]').text()).toBe('1 MB / 4 MB · 256 KB/s · 1 min 15 s left')
  })

  it('opens the file or its folder in Electron once done', async () => {
    const h = setup({ host: 'electron' })
    const { w, card: c } = await card(h, transfer({ state: 'done', received: 4 * MB, savedName: 'report (1).pdf' }))
    expect(c().get('[data-testid="file-status"]').text()).toBe('已保存为 report (1).pdf')
    expect(buttons(w)).toEqual([
      ['file-open', '打开'],
      ['file-reveal', '打开文件夹'],
    ])
    await w.get('[data-testid="file-open"]').trigger('click')
    await flushPromises()
    await w.get('[data-testid="file-reveal"]').trigger('click')
    await flushPromises()
    expect([h.api.argsOf('file.open'), h.api.argsOf('file.reveal')]).toEqual([[{ id: 't1' }], [{ id: 't1' }]])
  })

  it('downloads a received file from the page’s server in web mode', async () => {
    const h = setup({ host: 'web' })
    const { w, card: c } = await card(h, transfer({ state: 'done', received: 4 * MB, savedName: 'report.pdf' }))
    expect(c().get('[data-testid="file-status"]').text()).toBe('已接收')
    const link = w.get('[data-testid="file-download"]')
    expect([link.element.tagName, link.attributes('href'), link.attributes('download'), link.text()]).toEqual(['A', '/files/t1?token=page-token', 'report.pdf', '下载'])
    expect(w.find('[data-testid="file-open"]').exists()).toBe(false)
  })

  it.each([
    [{ state: 'refused' }, '已拒绝接收'],
    [{ state: 'cancelled', cancelledBy: 'me' }, '你取消了接收'],
    [{ state: 'cancelled', cancelledBy: 'sender' }, '对方取消了发送'],
    [{ state: 'expired' }, '文件已过期，无法再接收'],
    [{ state: 'failed', error: { kind: 'network', message: 'socket hang up' } }, '接收失败：网络连接失败'],
    [{ state: 'failed', error: { kind: 'malformed', message: 'short body' } }, '接收失败：服务器的应答无法识别'],
    [{ state: 'failed' }, '接收失败'],
  ] as const)('ends %j with a clear word and no actions', async (over, text) => {
    const h = setup()
    const { w, card: c } = await card(h, transfer(over))
    expect(c().attributes('data-state')).toBe(over.state)
    expect(c().get('[data-testid="file-status"]').text()).toBe(text)
    expect(buttons(w)).toEqual([])
  })

  it('asks for the list once when it has not heard of the transfer, and waits without buttons', async () => {
    const h = setup()
    const { w, card: c } = await card(h, undefined)
    expect(c().attributes('data-state')).toBe('unknown')
    expect(c().get('[data-testid="file-status"]').text()).toBe('正在获取文件状态…')
    expect(buttons(w)).toEqual([])
    expect(h.api.argsOf('file.list')).toEqual([{ conversation: A }])
    h.api.emit('file.transfer', transfer())
    await flushPromises()
    expect(c().attributes('data-state')).toBe('offered')
  })

  it('shows a hostile name isolated, its bidi override visible, cut, and whole on hover', async () => {
    const h = setup()
    const spoof = await card(h, transfer({ name: 'report\u202Etxt.exe' }))
    const name = spoof.card().get('[data-testid="file-name"]')
    expect([name.element.tagName, name.attributes('dir')]).toEqual(['BDI', 'auto'])
    expect(name.text()).toBe('report\uFFFDtxt.exe')
    expect(name.text()).not.toContain('\u202E')
    expect(name.attributes('title')).toBe('report\uFFFDtxt.exe')
    expect(spoof.card().classes()).toContain('kind-other')

    const long = `${'a'.repeat(296)}.pdf`
    const cut = (await card(h, transfer({ id: 't2', name: long }))).w.get('[data-testid="file-name"]')
    expect(cut.text()).toBe(`${'a'.repeat(39)}…aaaa.pdf`)
    expect(cut.attributes('title')).toBe(long)

    const path = (await card(h, transfer({ id: 't3', name: '../../x' }))).w
    expect(path.get('[data-testid="file-name"]').text()).toBe('../../x')
    expect(path.find('[data-testid="file-name"] a').exists()).toBe(false)
  })

  it('keeps the old file placeholder for a file segment without a transfer', async () => {
    const h = setup()
    const w = mountWith(h, MessageSegments, { props: { message: message({ segments: [{ type: 'file', name: 'a.zip', size: 2048 }] }) } })
    expect(w.text()).toContain('[文件] a.zip（2 KB）')
    expect(w.find('[data-testid="file-card"]').exists()).toBe(false)
  })

  it('reads the call invitation of a type-161 offer', async () => {
    const h = setup()
    const w = mountWith(h, MessageSegments, { props: { message: message({ segments: [{ type: 'call-invite' }] }) } })
    expect(w.get('[data-testid="call-invite"]').text()).toBe('对方邀请你视频通话（此客户端不支持）')
  })
})

describe('files store', () => {
  it('lists a conversation’s files when it opens', async () => {
    const h = setup()
    h.api.answer('conversation.open', summary(A.key))
    h.api.answer('file.list', [transfer()])
    await useConversationsStore().open(A)
    expect(h.api.argsOf('file.list')).toEqual([{ conversation: A }])
    expect(useFilesStore().get('t1')?.state).toBe('offered')
  })

  it('does not let a list asked for before an event put older progress back', async () => {
    const h = setup()
    const files = useFilesStore()
    let answer: (list: FileTransferView[]) => void = () => undefined
    h.api.answer('file.list', () => new Promise<FileTransferView[]>((resolve) => (answer = resolve)))
    const listed = files.load(A)
    await flushPromises()
    h.api.emit('file.transfer', transfer({ id: 't1', state: 'receiving', received: 3 * MB }))
    answer([transfer({ id: 't1', state: 'offered' }), transfer({ id: 't2', state: 'expired' })])
    await listed
    expect([files.get('t1')?.state, files.get('t1')?.received, files.get('t2')?.state]).toEqual(['receiving', 3 * MB, 'expired'])
  })
})

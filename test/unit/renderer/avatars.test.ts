// @vitest-environment happy-dom
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import type { AvatarSubject, Picture } from '../../../electron/ipc/contract'
import ChatHeader from '../../../renderer/src/components/chat/ChatHeader.vue'
import Avatar from '../../../renderer/src/components/common/Avatar.vue'
import FriendList from '../../../renderer/src/components/sidebar/FriendList.vue'
import { senderAvatar } from '../../../renderer/src/lib/avatar-look'
import { useAvatarsStore } from '../../../renderer/src/stores/avatars'
import { friend, snapshot } from './fixtures'
import { fakeLayout, flushPromises, mountWith, setup } from './harness'

/** happy-dom's IntersectionObserver never reports: this one reports what a test says is in view. */
class FakeObserver {
  static current: FakeObserver | undefined
  readonly targets = new Set<Element>()
  constructor(private readonly callback: IntersectionObserverCallback) {
    FakeObserver.current = this
  }
  observe(el: Element): void {
    this.targets.add(el)
  }
  unobserve(el: Element): void {
    this.targets.delete(el)
  }
  disconnect(): void {
    this.targets.clear()
  }
  /** Brings the watched elements `which` picks into view. */
  show(which: (el: Element) => boolean = () => true): void {
    const entries = [...this.targets].filter(which).map((target) => ({ target, isIntersecting: true }) as IntersectionObserverEntry)
    this.callback(entries, this as unknown as IntersectionObserver)
  }
}

const show = (which?: (el: Element) => boolean) => FakeObserver.current?.show(which)
/** The URL an avatar's picture layer draws (its CSS background), if any. */
const pictureUrl = (el: Element) => /^url\("(.*)"\)$/.exec((el as HTMLElement).style.backgroundImage)?.[1]
const PIC: Picture = { hash: 'c'.repeat(64), mime: 'image/png', width: 100, height: 100 }
const F1 = friend(1, { displayName: 'Amy' })

beforeAll(() => {
  vi.stubGlobal('IntersectionObserver', FakeObserver)
})

describe('avatars', () => {
  afterEach(() => {
    document.body.innerHTML = ''
  })

  it('asks once per subject, only for rows that came into view, and shows the picture over the tile', async () => {
    fakeLayout()
    const h = setup()
    h.api.answer('avatar.get', ({ subject }) => (subject.kind === 'friend' && subject.key === F1.key ? PIC : null))
    h.api.emit('contacts.changed', snapshot({ categories: [{ index: 0, name: 'Friends', sort: 0 }], friends: [F1, friend(2), friend(3)] }))
    const list = mountWith(h, FriendList)
    const header = mountWith(h, ChatHeader, { props: { conversation: { kind: 'friend', key: F1.key } } })
    await flushPromises()
    expect(h.api.argsOf('avatar.get')).toEqual([])

    // Friend 1's row and the chat header; friend 3 stays out of view.
    show((el) => !el.closest(`[data-key="${friend(3).key}"]`))
    await flushPromises()
    expect(h.api.argsOf('avatar.get')).toEqual([{ subject: { kind: 'friend', key: F1.key } }, { subject: { kind: 'friend', key: friend(2).key } }])
    const row = list.get(`[data-key="${F1.key}"]`)
    expect(pictureUrl(row.get('[data-testid="avatar-picture"]').element)).toBe(`/media/${PIC.hash}?token=page-token`)
    expect(pictureUrl(header.get('[data-testid="avatar-picture"]').element)).toBe(`/media/${PIC.hash}?token=page-token`)
    // No picture for friend 2: the letter tile, and an empty picture layer over it (kept for the next friend a recycled row shows).
    const other = list.get(`[data-key="${friend(2).key}"]`)
    expect(other.find('[data-testid="avatar-picture"]').exists()).toBe(false)
    expect(pictureUrl(other.get('.avatar .picture').element)).toBeUndefined()
    expect(other.get('.avatar .tile').text()).toBe('F')

    // Remounting (a virtual list scrolled back) asks nothing again: the answer, null too, is remembered.
    list.unmount()
    mountWith(h, FriendList)
    await flushPromises()
    show()
    await flushPromises()
    expect(h.api.argsOf('avatar.get').map((a) => (a.subject as { key: string }).key)).toEqual([F1.key, friend(2).key, friend(3).key])
  })

  it('keeps the letter tile under the picture (a picture that does not load paints nothing over it), and when avatar.get fails (asked again once the link is back)', async () => {
    const h = setup()
    const subject: AvatarSubject = { kind: 'group', key: 'g:n:Chess' }
    h.api.answer('avatar.get', PIC)
    const w = mountWith(h, Avatar, { props: { name: 'Chess', colorKey: 'g:n:Chess', subject, shape: 'square' } })
    show()
    await flushPromises()
    // The picture is a background of a layer after the tile, not an element that replaces it.
    const picture = w.get('[data-testid="avatar-picture"]').element
    expect(pictureUrl(picture)).toBe(`/media/${PIC.hash}?token=page-token`)
    expect(picture.previousElementSibling?.classList.contains('tile')).toBe(true)
    expect(w.get('.avatar .tile').text()).toBe('C')
    expect(w.get('[role="img"]').attributes('aria-label')).toBe('Chess')

    const h2 = setup()
    h2.api.fail('avatar.get', { kind: 'unavailable', message: 'not built yet' })
    const w2 = mountWith(h2, Avatar, { props: { name: 'Chess', colorKey: 'g:n:Chess', subject } })
    show()
    await flushPromises()
    expect(w2.find('[data-testid="avatar-picture"]').exists()).toBe(false)
    expect(h2.api.argsOf('avatar.get')).toHaveLength(1)
    h2.api.answer('avatar.get', PIC)
    useAvatarsStore().retryFailed()
    await flushPromises()
    expect(h2.api.argsOf('avatar.get')).toHaveLength(2)
    expect(w2.find('[data-testid="avatar-picture"]').exists()).toBe(true)
  })

  it('sends at most four avatar.get at a time when many rows come into view', async () => {
    const h = setup()
    const waiting: Array<() => void> = []
    h.api.answer('avatar.get', () => new Promise<null>((resolve) => waiting.push(() => resolve(null))))
    const avatars = useAvatarsStore()
    for (let i = 0; i < 10; i++) avatars.request({ kind: 'member', uin: String(100 + i) })
    avatars.request({ kind: 'member', uin: '100' })
    await flushPromises()
    expect(h.api.argsOf('avatar.get')).toHaveLength(4)
    while (waiting.length) {
      waiting.shift()!()
      await flushPromises()
    }
    expect(h.api.argsOf('avatar.get').map((a) => (a.subject as { uin: string }).uin)).toEqual(Array.from({ length: 10 }, (_, i) => String(100 + i)))
  })

  it('keeps one object for the same picture of different people (each answer brings its own copy)', async () => {
    const h = setup()
    const avatars = useAvatarsStore()
    h.api.answer('avatar.get', () => ({ ...PIC }))
    avatars.request({ kind: 'member', uin: '77' })
    avatars.request({ kind: 'friend', key: F1.key })
    await flushPromises()
    const a = avatars.pictureOf({ kind: 'member', uin: '77' })
    expect(a).toEqual(PIC)
    expect(avatars.pictureOf({ kind: 'friend', key: F1.key })).toBe(a)
  })

  it('asks by uin only for what this login said: another login’s uin may be someone else now (§2.4)', async () => {
    const h = setup()
    const avatars = useAvatarsStore()
    h.api.answer('avatar.get', PIC)
    avatars.request({ kind: 'member', uin: '77' })
    avatars.request({ kind: 'friend', key: F1.key })
    await flushPromises()
    avatars.newLogin(Date.UTC(2024, 0, 2))
    expect(avatars.pictureOf({ kind: 'member', uin: '77' })).toBeUndefined()
    expect(avatars.pictureOf({ kind: 'friend', key: F1.key })).toEqual(PIC)
    const since = avatars.since
    expect(senderAvatar({ uin: '77' }, since - 1000, since)).toBeUndefined()
    expect(senderAvatar({ uin: '77' }, since, since)).toEqual({ kind: 'member', uin: '77' })
    expect(senderAvatar({ uin: '77', key: F1.key }, since - 1000, since)).toEqual({ kind: 'friend', key: F1.key })
    expect(senderAvatar({ uin: '77', key: 'f:u:77' }, since - 1000, since)).toBeUndefined()
    expect(senderAvatar({ uin: 'x<script>' }, since, since)).toBeUndefined()
  })
})

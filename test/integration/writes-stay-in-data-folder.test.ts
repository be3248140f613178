import { testBackend } from '../support/backend'
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { privateDir } from '../../electron/engine/private-files'
import type { ChatMessage, ConversationRef, LoginView, SessionView } from '../../electron/ipc/contract'
import { dispatch } from '../../electron/ipc/dispatch'
import { FileVault, PLAINTEXT } from '../../electron/backend/file-vault'
import { JsonFileSettingsStore } from '../../electron/backend/settings-store'
import { eventually } from '../support/client'
import { decodeQr, Phone } from '../support/emulator'
import { tree, useSandboxHome } from '../support/sandbox-home'

/**
 * Issue 8, "nothing is written outside the data folder": a whole web-mode session (settings,
 * plaintext session file, history) where contacts send file offers named like paths and a group
 * and a discussion are named like paths. HOME and TMPDIR point into one temporary parent, the
 * data folder is web mode's default under that HOME, and the parent is listed before and after:
 * every new entry is inside the data folder. Nothing new appears beside the working directory.
 */

const HOSTILE_NAMES = ['../../evil.txt', '/etc/passwd', 'CON', '..', '..\\..\\evil.txt', 'NUL.txt', 'a/../../../b', '~/.bashrc', '%2e%2e%2fevil']

/** The emulator's default account. */
const SELF = '2851234567'

const sandbox = useSandboxHome('qq-writes-')
let parent: string
let dataDir: string
beforeAll(() => {
  parent = sandbox()
  // Web mode's default (electron/web/index.ts), under the test's HOME.
  dataDir = join(parent, 'home', '.qq-desktop-web')
})

describe('writes stay in the data folder', () => {
  it('a session with file offers named like paths and a group and a discussion named like paths writes nothing outside the data folder', async () => {
    const before = tree(parent)
    const beside = readdirSync(process.cwd()).sort()
    const passwd = statSync('/etc/passwd').mtimeMs

    privateDir(dataDir)
    const { core, emulator } = testBackend({
      dataDir,
      settings: new JsonFileSettingsStore(join(dataDir, 'settings.json')),
      vault: (profile) => new FileVault(join(dataDir, 'profiles', profile, 'session.json'), PLAINTEXT),
    })
    let qr: string | undefined
    let online = false
    const messages: ChatMessage[] = []
    core.on('login.state', (v: LoginView) => {
      if (v.kind === 'qr') qr = decodeQr(Buffer.from(v.image.split(',')[1]!, 'base64'))
    })
    core.on('session.state', (v: SessionView) => (online ||= v.kind === 'online'))
    core.on('message.new', (m: ChatMessage) => messages.push(m))
    const call = async (name: string, args: unknown) => dispatch(core.handlers, name, args)
    try {
      await core.start()
      const phone = Phone.for(emulator())
      const world = await phone.contacts()
      const friend = world.friends.find((f: { bot?: string }) => !f.bot)
      const group = world.groups[0]
      const disc = world.discussions[0]
      // Before the lists load: the names the conversations will be keyed and titled by.
      for (const [kind, id, name] of [
        ['group', group.number, '../../x'],
        ['discussion', disc.id, '../../y'],
        ['person', friend.qq, '/etc/passwd'],
      ]) {
        expect((await phone.post('/control/contacts/rename', { kind, id, name })).status).toBe(200)
      }
      const text = await eventually(() => qr, 10_000, 'the QR code')
      await phone.scan(text)
      await phone.confirm(text)
      await eventually(() => online, 10_000, 'online')

      for (const name of HOSTILE_NAMES) {
        expect((await phone.post('/control/events', { type: 'file_message', from: friend.qq, name })).status, name).toBe(200)
      }
      const member = group.members.find((m: { qq: string }) => m.qq !== SELF && m.qq !== friend.qq)?.qq ?? friend.qq
      expect((await phone.post('/control/messages/send', { kind: 'group', from: member, target: group.number, content: HOSTILE_NAMES })).status).toBe(200)
      const discMember = disc.members.find((m: string) => m !== SELF)
      expect((await phone.post('/control/messages/send', { kind: 'discussion', from: discMember, target: disc.id, content: ['../../y'] })).status).toBe(200)
      await eventually(() => messages.length >= HOSTILE_NAMES.length + 2 || undefined, 10_000, 'every offer and message')

      const refs = new Map<string, ConversationRef>(messages.map((m) => [`${m.conversation.kind}:${m.conversation.key}`, m.conversation]))
      for (const ref of refs.values()) {
        for (const [name, args] of [
          ['conversation.open', { conversation: ref }],
          ['conversation.setDraft', { conversation: ref, text: '../../evil.txt' }],
          ['conversation.setPinned', { conversation: ref, pinned: true }],
          ['conversation.setMuted', { conversation: ref, muted: true }],
          ['conversation.read', { conversation: ref }],
        ] as const) {
          expect((await call(name, args)).ok, name).toBe(true)
        }
      }
      // A conversation key that is a path, made up by the page: refused or answered, never a file.
      await call('conversation.setDraft', { conversation: { kind: 'group', key: '../../../evil' }, text: 'x' })
      for (const id of HOSTILE_NAMES) {
        for (const name of ['file.accept', 'file.refuse', 'file.reveal']) expect((await call(name, { id })).ok, `${name} ${id}`).toBe(false)
      }
      expect((await call('history.search', { query: '../../', limit: 50 })).ok).toBe(true)
      const groupRef = [...refs.values()].find((r) => r.kind === 'group')!
      const sent = await call('message.send', { conversation: groupRef, segments: [{ type: 'text', text: '../../evil.txt' }] })
      expect(sent.ok).toBe(true)
      await eventually(() => core.client!.online().conversations.page(groupRef, undefined, 20).find((m) => m.direction === 'out' && m.status === 'sent'), 10_000, 'the message sent')
      expect((await call('settings.set', { language: 'en' })).ok).toBe(true)

      // History holds every offer under its name as it came, and the group's messages.
      const friendRef = [...refs.values()].find((r) => r.kind === 'friend')!
      const offered = core.client!.online().conversations.page(friendRef, undefined, 50).flatMap((m) => m.segments.flatMap((s) => (s.type === 'file' ? [s.name] : [])))
      expect(offered.sort()).toEqual([...HOSTILE_NAMES].sort())
      expect(core.client!.online().contacts.snapshot.groups.map((g) => g.name)).toContain('../../x')
      expect(core.client!.online().conversations.list().map((c) => c.title)).toEqual(expect.arrayContaining(['../../y', '/etc/passwd']))
    } finally {
      await core.stop()
    }

    const added = tree(parent).filter((p) => !before.includes(p))
    const inData = (p: string) => `/home/.qq-desktop-web${p}`
    expect(added).toEqual(expect.arrayContaining([inData('/settings.json'), inData(`/profiles/emulator/accounts/${SELF}/history.sqlite`)]))
    expect(added.filter((p) => !(join(parent, p) + '/').startsWith(dataDir + '/'))).toEqual([])
    expect(readdirSync(process.cwd()).sort()).toEqual(beside)
    expect(statSync('/etc/passwd').mtimeMs).toBe(passwd)
  })
})

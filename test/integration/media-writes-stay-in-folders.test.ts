import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ChatMessage, FileTransferView } from '../../electron/ipc/contract'
import { dispatch } from '../../electron/ipc/dispatch'
import { logInBackend, testBackend } from '../support/backend'
import { eventually } from '../support/client'
import { Phone } from '../support/emulator'
import { noisePng } from '../support/pictures'
import { tree, useSandboxHome } from '../support/sandbox-home'

/**
 * Issue 10, "nothing is ever written outside the download folder" (and the data folder): a
 * web-mode session receives pictures (friend and group), avatars, and files with names like
 * paths, accepts them all and saves them; HOME and TMPDIR point into one temporary parent, which
 * is listed before and after: every new entry is in the data folder or the download folder.
 */

const HOSTILE_NAMES = ['../../evil.txt', '/etc/cron.d/x', '..', '..\\..\\evil.txt', 'a/../../../b', '~/.bashrc', '.hidden', 'CON', '%2e%2e%2fevil']
const SELF = '2851234567'

const sandbox = useSandboxHome('qq-media-writes-')

describe('pictures and files stay in their folders', () => {
  it('a session receiving pictures, avatars and files named like paths writes only into the data and download folders', async () => {
    const parent = sandbox()
    const before = tree(parent)
    const beside = readdirSync(process.cwd()).sort()
    const dataDir = join(parent, 'home', '.qq-desktop-web')
    // Web mode's default download folder, under the test's HOME (not there yet: made for the first file).
    const downloadDir = join(parent, 'home', 'Downloads')
    const { core, emulator } = testBackend({ dataDir, host: { kind: 'web', openExternal: async () => undefined, secretStorage: 'plaintext', downloadDir } })
    const messages: ChatMessage[] = []
    const updates: ChatMessage[] = []
    const transfers: FileTransferView[] = []
    core.on('message.new', (m) => messages.push(m))
    core.on('message.updated', (m) => updates.push(m))
    core.on('file.transfer', (t) => transfers.push(t))
    const call = async (name: string, args: unknown) => dispatch(core.handlers, name, args)
    try {
      await logInBackend(core, emulator)
      const phone = Phone.for(emulator())
      const world = await phone.contacts()
      const friend = world.friends.find((f: { bot?: string }) => !f.bot)
      const group = world.groups[0]
      const member = group.members.find((m: { qq: string }) => m.qq !== SELF).qq

      await phone.sendImage({ kind: 'friend', from: friend.qq, image: noisePng(), name: '../../evil.png' })
      await phone.sendImage({ kind: 'group', from: member, target: group.number, image: noisePng(), name: '/etc/x.png' })
      for (const name of HOSTILE_NAMES) {
        expect((await phone.post('/control/files/offer', { from: friend.qq, name, data: Buffer.from(name).toString('base64') })).status, name).toBe(200)
      }
      await eventually(() => (messages.length >= HOSTILE_NAMES.length + 2 ? true : undefined), 10_000, 'every picture and offer')
      await eventually(() => (updates.filter((m) => m.segments.some((s) => s.type === 'image' && s.picture)).length >= 2 ? true : undefined), 10_000, 'both pictures')
      const friendKey = core.client!.online().contacts.snapshot.friends.find((f) => f.uin === friend.uin)?.key
      expect((await call('avatar.get', { subject: { kind: 'friend', key: friendKey ?? 'f:q:0' } })).ok).toBe(true)

      const ids = messages.flatMap((m) => m.segments.flatMap((s) => (s.type === 'file' && s.transfer ? [s.transfer] : [])))
      expect(ids).toHaveLength(HOSTILE_NAMES.length)
      for (const id of ids) expect((await call('file.accept', { id })).ok).toBe(true)
      await eventually(() => (ids.every((id) => transfers.some((t) => t.id === id && t.state === 'done')) ? true : undefined), 20_000, 'every file saved')
      // The page cannot name a path: not as a transfer id, not as a picture's hash.
      for (const id of HOSTILE_NAMES) expect((await call('file.open', { id })).ok, id).toBe(false)
      expect((await call('media.save', { hash: '../../etc/passwd', name: '../../x' })).ok).toBe(false)
      const saved = readdirSync(downloadDir).sort()
      expect(saved).toHaveLength(HOSTILE_NAMES.length)
      expect(saved.filter((n) => n.startsWith('.'))).toEqual([])
    } finally {
      await core.stop()
    }

    const added = tree(parent).filter((p) => !before.includes(p))
    const inside = (p: string) => [dataDir, downloadDir].some((dir) => (join(parent, p) + '/').startsWith(dir + '/'))
    expect(added).toEqual(expect.arrayContaining(['/home/Downloads', `/home/.qq-desktop-web/profiles/emulator/accounts/${SELF}/media`]))
    expect(added.filter((p) => !inside(p))).toEqual([])
    expect(readdirSync(process.cwd()).sort()).toEqual(beside)
  })
})

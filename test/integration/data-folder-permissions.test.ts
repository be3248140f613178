import { testBackend } from '../support/backend'
import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { QQClient } from '../../electron/engine/client'
import { privateDir } from '../../electron/engine/private-files'
import type { ChatMessage, LoginView, SessionView } from '../../electron/ipc/contract'
import { FileVault, PLAINTEXT } from '../../electron/backend/file-vault'
import { JsonFileSettingsStore } from '../../electron/backend/settings-store'
import { eventually, loginClient, newClient, tempDir } from '../support/client'
import { decodeQr, Phone } from '../support/emulator'
import { useEmulator } from '../support/use-emulator'

/**
 * The data folder after real use (a QR login, a message each way, so the history database has
 * its -wal and -shm files): every folder in it is 0700 and every file 0600, so no other
 * account on the machine reads the user's chats or session. POSIX permissions only.
 */

/** Every path under `root` (itself included) with its permission bits. */
function modes(root: string): Array<{ path: string; dir: boolean; mode: string }> {
  const out: Array<{ path: string; dir: boolean; mode: string }> = []
  const visit = (path: string) => {
    const st = statSync(path)
    out.push({ path: path.slice(root.length) || '/', dir: st.isDirectory(), mode: (st.mode & 0o777).toString(8) })
    if (st.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name))
  }
  visit(root)
  return out
}

function expectOwnerOnly(root: string): void {
  const all = modes(root)
  expect(all.filter((e) => e.dir && e.mode !== '700')).toEqual([])
  expect(all.filter((e) => !e.dir && e.mode !== '600')).toEqual([])
  expect(all.some((e) => e.path.endsWith('history.sqlite-wal'))).toBe(true)
  expect(all.some((e) => e.path.endsWith('history.sqlite-shm'))).toBe(true)
}

const { emu, phone: filePhone } = await useEmulator()
/** The phone messageEachWay writes with: this file's emulator's, or a backend's own emulator's. */
let phone = filePhone

/** A friend writes; the account answers in that conversation; both are stored. */
async function messageEachWay(client: QQClient, incoming: () => ChatMessage | undefined): Promise<void> {
  const friend = (await phone.contacts()).friends.find((f: { bot?: string }) => !f.bot)
  expect((await phone.post('/control/messages/send', { kind: 'friend', from: friend.qq, content: ['在吗'] })).status).toBe(200)
  const got = await eventually(incoming, 8000, 'the friend message')
  const [sent] = client.online().sender.send(got.conversation, [{ type: 'text', text: '在的' }])
  await eventually(() => client.online().conversations.page(got.conversation, undefined, 10).find((m) => m.id === sent!.id && m.status === 'sent'), 8000, 'the reply sent')
}

describe.skipIf(process.platform === 'win32')('the data folder', () => {
  it('the engine makes its account folders 0700 and history.sqlite with -wal and -shm 0600', async () => {
    const dataDir = join(tempDir(), 'data')
    const client = newClient(emu.profile, { dataDir })
    let incoming: ChatMessage | undefined
    client.on('message', (m) => (incoming ??= m.direction === 'in' ? m : undefined))
    try {
      await loginClient(client, phone)
      await messageEachWay(client, () => incoming)
      expectOwnerOnly(dataDir)
    } finally {
      await client.shutdown()
    }
  })

  it('a profile folder an older version left 0755 is tightened when that profile starts', async () => {
    const dataDir = join(tempDir(), 'older')
    const profileDir = join(dataDir, 'profiles', 'emulator')
    mkdirSync(profileDir, { recursive: true, mode: 0o755 })
    for (const dir of [dataDir, dirname(profileDir), profileDir]) chmodSync(dir, 0o755)
    const { core } = testBackend({ dataDir, vault: (profile) => new FileVault(join(dataDir, 'profiles', profile, 'session.json'), PLAINTEXT) })
    try {
      await core.start()
      expect(modes(join(dataDir, 'profiles'))).toEqual([
        { path: '/', dir: true, mode: '700' },
        { path: '/emulator', dir: true, mode: '700' },
      ])
    } finally {
      await core.stop()
    }
  })

  it("web mode's folder (settings, plaintext session, history) holds only owner-only folders and files", async () => {
    const dataDir = join(tempDir(), 'web-data')
    privateDir(dataDir) // as electron/web/index.ts does before anything writes there
    const { core, emulator } = testBackend({
      dataDir,
      settings: new JsonFileSettingsStore(join(dataDir, 'settings.json')),
      vault: (profile) => new FileVault(join(dataDir, 'profiles', profile, 'session.json'), PLAINTEXT),
    })
    let incoming: ChatMessage | undefined
    let online = false
    core.on('login.state', (v: LoginView) => {
      if (v.kind !== 'qr') return
      const text = decodeQr(Buffer.from(v.image.split(',')[1]!, 'base64'))
      const own = Phone.for(emulator())
      void own.scan(text).then(() => own.confirm(text))
    })
    core.on('session.state', (v: SessionView) => (online ||= v.kind === 'online'))
    core.on('message.new', (m: ChatMessage) => (incoming ??= m.direction === 'in' ? m : undefined))
    try {
      await core.start()
      phone = Phone.for(emulator())
      await eventually(() => online, 10_000, 'online')
      await messageEachWay(core.client!, () => incoming)
      await core.handlers['settings.set']({ language: 'en' })
      expect(modes(dataDir).map((e) => e.path)).toEqual(expect.arrayContaining(['/settings.json', '/profiles/emulator/session.json']))
      expectOwnerOnly(dataDir)
    } finally {
      phone = Phone.for(emu)
      await core.stop()
    }
  })
})

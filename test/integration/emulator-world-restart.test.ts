import { join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { describe, expect, it } from 'vitest'
import type { LoginView, SessionView } from '../../electron/model/views'
import { logInBackend, testBackend } from '../support/backend'
import { MemoryVault, eventually, tempDir } from '../support/client'
import { Phone } from '../support/emulator'

/**
 * The embedded server remembers its world (issue 12): two runs of the app's backend on one data
 * folder. What the control API changed in the first run — an account made, a friend added with
 * a remark, one removed, a group renamed, a group card — and what web2 changed (a friend request
 * accepted with a remark) is what the engine's contact lists show after the restored login of the
 * second run, as against a server that kept running. A world the file cannot give back costs only
 * the world: the log says so and the generated one is used.
 */

const NEW_ACCOUNT = '3100000001'

function run(dataDir: string, vault: MemoryVault) {
  const log: string[] = []
  const b = testBackend({ dataDir, vault: () => vault, emulator: { sessionFile: sessionsFile(dataDir), log: (line) => log.push(line) } })
  const logins: LoginView['kind'][] = []
  const sessions: SessionView['kind'][] = []
  b.core.on('login.state', (v) => logins.push(v.kind))
  b.core.on('session.state', (v) => sessions.push(v.kind))
  return { ...b, logins, sessions, log }
}

function sessionsFile(dataDir: string): string {
  return join(dataDir, 'emulator', 'sessions.sqlite')
}

type Backend = ReturnType<typeof run>

/** The engine's contact lists once they are all loaded. */
async function engineContacts(b: Backend) {
  return eventually(
    async () => {
      const c = await b.core.handlers['contacts.get']({})
      return c.loading.length === 0 && c.friends.length > 0 ? c : undefined
    },
    10_000,
    'the contact lists',
  )
}

/** A second run on the folder: online again without a QR code. */
async function restart(dataDir: string, vault: MemoryVault): Promise<Backend> {
  const b = run(dataDir, vault)
  await b.core.start()
  await eventually(() => b.sessions.includes('online') || undefined, 10_000, 'online again')
  expect(b.logins).not.toContain('qr')
  return b
}

/** A first run that logs in and changes the world through the control API; what the emulator holds after. */
async function changeTheWorld(dataDir: string, vault: MemoryVault) {
  const first = run(dataDir, vault)
  await logInBackend(first.core, first.emulator)
  const phone = Phone.for(first.emulator())
  expect((await phone.post('/control/accounts', { qq: NEW_ACCOUNT, nick: '新账号', password: 'secret' })).status).toBe(201)
  const before = await phone.get('/control/contacts')
  const gone = before.friends.find((f: { bot?: string }) => !f.bot)
  expect((await phone.post('/control/contacts/friend/remove', { qq: gone.qq })).status).toBe(200)
  expect((await phone.post('/control/contacts/friend/add', { qq: NEW_ACCOUNT, markname: '老同学' })).status).toBe(200)
  const group = before.groups[0]
  expect((await phone.post('/control/contacts/rename', { kind: 'group', id: group.number, name: '改名后的群' })).status).toBe(200)
  const member = group.members.find((m: { qq: string }) => m.qq !== '2851234567')
  expect((await phone.post('/control/contacts/card', { number: group.number, qq: member.qq, card: '新名片' })).status).toBe(200)
  // Through web2 (allow_and_add2): a friend request the user accepts with a remark.
  const asked = (await phone.post('/control/contacts/friend-request', { nick: '陌生人', msg: '加个好友' })).body
  await eventually(async () => (await first.core.handlers['friendRequest.list']({})).some((r) => r.account === asked.from) || undefined, 5_000, 'the friend request')
  await first.core.handlers['friendRequest.answer']({ account: asked.from, answer: { kind: 'accept', category: 0, markname: '网友' } })
  await eventually(() => vault.value, 5_000, 'the saved session')
  const after = { me: await phone.get('/control/contacts'), other: await phone.get(`/control/contacts?owner=${NEW_ACCOUNT}`), gone }
  await first.core.stop()
  return after
}

const nicks = (friends: Array<{ nick: string }>) => friends.map((f) => f.nick).sort()

describe('the embedded emulator keeps its world across a restart', () => {
  it('an account made, a friend added with a remark and one removed, a friend request accepted, a group renamed and a card set in the first run are there after the restored login of the second', async () => {
    const dataDir = tempDir()
    const vault = new MemoryVault()
    const left = await changeTheWorld(dataDir, vault)

    const second = await restart(dataDir, vault)
    const contacts = await engineContacts(second)
    expect(contacts.friends.find((f) => f.nick === '新账号')).toMatchObject({ markname: '老同学', displayName: '老同学' })
    expect(contacts.friends.find((f) => f.nick === '陌生人')).toMatchObject({ markname: '网友' })
    expect(nicks(contacts.friends)).toEqual(nicks(left.me.friends))
    expect(contacts.friends.map((f) => f.qq ?? f.uin)).not.toContain(left.gone.qq)
    expect(contacts.groups.map((g) => g.name)).toContain('改名后的群')
    expect(contacts.groups.map((g) => g.name).sort()).toEqual(left.me.groups.map((g: { name: string }) => g.name).sort())

    const phone = Phone.for(second.emulator())
    expect((await phone.get('/control/accounts')).map((a: { qq: string }) => a.qq)).toContain(NEW_ACCOUNT)
    // The new account's generated contacts are the ones it had, not a fresh draw.
    expect(await phone.get(`/control/contacts?owner=${NEW_ACCOUNT}`)).toEqual(left.other)
    const renamed = (await phone.get('/control/contacts')).groups.find((g: { name: string }) => g.name === '改名后的群')
    expect(renamed.members.map((m: { card?: string }) => m.card)).toContain('新名片')
    expect(second.log.join('\n')).not.toContain('starting from the generated world')
    await second.core.stop()
  })

  it('a world that is garbage, or that names people it does not hold, is set aside with a log line: the generated world comes back and the saved session still works', async () => {
    const spoil: Array<(world: string) => string> = [
      () => 'garbage {',
      (world) => {
        const w = JSON.parse(world)
        w.people = w.people.slice(0, 1)
        return JSON.stringify(w)
      },
    ]
    for (const damage of spoil) {
      const dataDir = tempDir()
      const vault = new MemoryVault()
      const left = await changeTheWorld(dataDir, vault)
      const db = new DatabaseSync(sessionsFile(dataDir))
      const row = db.prepare("SELECT value FROM state WHERE key = 'world'").get() as { value: string }
      db.prepare("UPDATE state SET value = ? WHERE key = 'world'").run(damage(row.value))
      db.close()

      const second = await restart(dataDir, vault)
      expect(second.log.join('\n')).toContain('starting from the generated world')
      const contacts = await engineContacts(second)
      expect(contacts.groups.map((g) => g.name)).not.toContain('改名后的群')
      expect(contacts.friends.map((f) => f.nick)).not.toContain('新账号')
      expect(nicks(contacts.friends)).not.toEqual(nicks(left.me.friends))
      await second.core.stop()
    }
  })
})

import { ContactService } from '../../electron/engine/contacts/contact-service'
import { HttpClient } from '../../electron/engine/http/client'
import { Logger } from '../../electron/engine/log'
import { QrLogin } from '../../electron/engine/login/qr-login'
import { getGroupInfoExt2 } from '../../electron/engine/endpoints/contact-endpoints'
import type { GroupCode } from '../../electron/engine/endpoints/ids'
import { Phone, decodeQr, duringEmulator, type TestEmulator as Emulator } from '../support/emulator'
import { median, min, since, type Report, type Scenario } from './bench'
import { sequentialLogin } from './sequential-floor'

/**
 * Login + contact warm-up for a big account: the time from the phone's confirm to the lists
 * being ready in the engine, the requests it took, and the floor — the same requests, made one
 * at a time with the same endpoint definitions, their round trips added up.
 */

const FRIENDS = 5_000
const GROUPS = 1_000
const BIG_GROUP = 2_000
const RUNS = 5
/** The engine polls ptqrlogin this often; up to one interval is part of "confirm → ready". */
const QR_POLL_MS = 5

interface EngineRun {
  readyMs: number
  requests: number
  bigGroupMs: number
}

/** One login through the engine (QrLogin, then ContactService.load as the client runs it). */
async function engineRun(emu: Emulator, phone: Phone): Promise<EngineRun> {
  const logger = new Logger()
  const http = new HttpClient(emu.profile, { logger })
  const login = new QrLogin(http, logger, { pollIntervalMs: QR_POLL_MS })
  let confirmedAt = 0
  let requestsAtConfirm = 0
  login.on('state', (s) => {
    if (s.kind !== 'qr') return
    const code = decodeQr(s.png)
    void phone.scan(code).then(() => {
      confirmedAt = performance.now()
      requestsAtConfirm = http.requestCount
      return phone.confirm(code)
    })
  })
  const session = await login.run()
  const contacts = new ContactService(session, logger)
  const snap = await contacts.load()
  const readyMs = since(confirmedAt)
  const requests = http.requestCount - requestsAtConfirm
  if (snap.friends.length !== FRIENDS || snap.groups.length !== GROUPS || snap.failures.length) {
    throw new Error(`warm-up incomplete: ${snap.friends.length} friends, ${snap.groups.length} groups, failures ${JSON.stringify(snap.failures)}`)
  }
  const big = await bigGroup(emu, phone)
  const key = contacts.groupByGid(big.gid)!.key
  const t0 = performance.now()
  const details = await contacts.groupDetails(key)
  const bigGroupMs = since(t0)
  if (details.members.length !== BIG_GROUP) throw new Error(`big group has ${details.members.length} members`)
  return { readyMs, requests, bigGroupMs }
}

async function bigGroup(emu: Emulator, phone: Phone): Promise<{ gid: string; code: string }> {
  const world = (await phone.contacts()) as { groups: Array<{ gid: string; code: string; members: unknown[] }> }
  const g = world.groups.find((x) => x.members.length === BIG_GROUP)
  if (!g) throw new Error(`no ${BIG_GROUP}-member group in the emulator's world (${emu.url})`)
  return g
}

/** The floor: the login's requests one at a time, and the big group's members after them. */
async function sequentialRun(emu: Emulator, phone: Phone): Promise<Map<string, number>> {
  const http = new HttpClient(emu.profile, { logger: new Logger() })
  const { times, cred } = await sequentialLogin(http, phone)
  const big = await bigGroup(emu, phone)
  const t0 = performance.now()
  await http.call(getGroupInfoExt2, { cred, code: big.code as GroupCode })
  times.set(getGroupInfoExt2.name, since(t0))
  return times
}

const scenario: Scenario = {
  name: 'contacts',
  title: `login + warm-up with ${FRIENDS.toLocaleString('en-US')} friends and ${GROUPS.toLocaleString('en-US')} groups, and a ${BIG_GROUP.toLocaleString('en-US')}-member group's members`,
  async run(report: Report) {
    const opts = { seed: 42, pollHoldMs: 1_000, rateLimit: { enabled: false }, graph: { friends: FRIENDS, groups: GROUPS, membersPerGroup: 20, bigGroupMembers: BIG_GROUP, scripted: false } }
    const t0 = performance.now()
    await duringEmulator(opts, async (emu, phone) => {
      report.note(`emulator with ${FRIENDS} friends, ${GROUPS} groups (20 members each, one of ${BIG_GROUP}) built in ${since(t0).toFixed(0)} ms`)
      // Warm-up: JIT, the emulator's first list renderings; not counted.
      await engineRun(emu, phone)
      await sequentialRun(emu, phone)
      const engine: EngineRun[] = []
      const floors: Array<Map<string, number>> = []
      for (let i = 0; i < RUNS; i++) {
        engine.push(await engineRun(emu, phone))
        floors.push(await sequentialRun(emu, phone))
      }
      const warmup = (m: Map<string, number>) => [...m].filter(([name]) => name !== 'get_group_info_ext2').reduce((s, [, ms]) => s + ms, 0)
      const ready = engine.map((r) => r.readyMs)
      const floor = floors.map(warmup)
      const requests = engine.map((r) => r.requests)
      const big = engine.map((r) => r.bigGroupMs)
      const bigFloor = floors.map((m) => m.get('get_group_info_ext2')!)
      report.note(`${RUNS} runs after one warm-up run; each run is a fresh QR login (the previous channel is kicked)`)
      report.line(median(ready), 'ms', `phone confirm → contact lists ready in the engine (QrLogin + ContactService.load), median (min ${min(ready).toFixed(1)})`)
      report.line(median(requests), 'req', `HTTP requests the engine made in that time (HttpClient.requestCount; min ${min(requests)}, max ${Math.max(...requests)})`)
      report.line(median(floor), 'ms', `floor: the same ${floors[0]!.size - 1} requests one at a time, round trips added up, median (min ${min(floor).toFixed(1)})`)
      report.line((median(ready) / median(floor)).toFixed(2), '×', 'engine time / sequential floor')
      report.note('emulator and engine share one thread here, so the parallel list requests cannot overlap their CPU work (mostly JSON);')
      report.note('against a remote server they overlap its latency, which is where the parallel warm-up pays off')
      report.line(median(big), 'ms', `load the ${BIG_GROUP}-member group's members (get_group_info_ext2 + mapping), median (min ${min(big).toFixed(1)})`)
      report.line(median(bigFloor), 'ms', 'its bare round trip (same endpoint, decoded, not mapped), median')
      const names = [...floors[0]!.keys()]
      report.note(`per request, median ms: ${names.map((n) => `${n} ${median(floors.map((f) => f.get(n)!)).toFixed(1)}`).join(', ')}`)
      report.note(`"ready" includes up to one ${QR_POLL_MS} ms ptqrlogin poll interval and the confirm request itself`)
      report.summary(`lists ready ${median(ready).toFixed(0)} ms after the confirm with ${median(requests)} requests (sequential floor ${median(floor).toFixed(0)} ms); ${BIG_GROUP} members in ${median(big).toFixed(0)} ms`)
    })
  },
}

export default scenario

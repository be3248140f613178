import { spawnSync } from 'node:child_process'
import { Report, machine, type Scenario } from './bench'

/**
 * `npm run bench [-- name …]`: runs the named scenarios (default: all), one after the other.
 * A scenario is a file in this folder whose default export is a `Scenario`; it joins the
 * registry below with one line. Each starts its own emulator on 127.0.0.1 and stops it.
 */
const SCENARIOS: Record<string, () => Promise<{ default: Scenario }>> = {
  contacts: () => import('./contacts'),
  'contacts-remote': () => import('./contacts-remote'),
  messaging: () => import('./messaging'),
  'contact-list': () => import('./contact-list'),
  'presence-scale': () => import('./presence-scale'),
  'poll-path': () => import('./poll-path'),
  'history-order': () => import('./history-order'),
  media: () => import('./media'),
  chat: () => import('./chat'),
  pacing: () => import('./pacing'),
  'large-group': () => import('./large-group'),
  startup: () => import('./startup'),
  memory: () => import('./memory'),
}

/** Marks a child process that runs exactly one scenario. */
const CHILD = '--one'

async function runOne(name: string): Promise<number> {
  const scenario = (await SCENARIOS[name]!()).default
  console.log(`\n== ${scenario.name}: ${scenario.title}`)
  await scenario.run(new Report(scenario.name))
  return 0
}

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((a) => a !== '--')
  if (args[0] === CHILD) return runOne(args[1]!)
  const unknown = args.filter((a) => !(a in SCENARIOS))
  if (unknown.length) {
    console.error(`unknown scenario(s): ${unknown.join(', ')}; known: ${Object.keys(SCENARIOS).join(', ')}`)
    return 2
  }
  const names = args.length ? args : Object.keys(SCENARIOS)
  console.log(`machine: ${machine()}`)
  console.log('every number includes the emulator, which runs in the same Node process as the engine (contacts-remote: its own process; presence-scale runs the app backend in a process of its own; poll-path has a bare server)')
  if (names.length === 1) return runOne(names[0]!)
  // One process per scenario: an earlier scenario's heap and JIT state must not colour the next one's numbers.
  let failed = 0
  for (const name of names) {
    const child = spawnSync(process.execPath, [...process.execArgv, process.argv[1]!, CHILD, name], { stdio: 'inherit' })
    if (child.status !== 0) {
      console.error(`scenario ${name} failed (exit ${child.status ?? child.signal})`)
      failed = 1
    }
  }
  return failed
}

main().then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(err)
    process.exitCode = 1
  },
)

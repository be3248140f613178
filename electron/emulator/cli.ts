import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { ERA_NAMES, isEraName } from './era'
import { parseFaultSpec } from './faults'
import { SECRET_HEADER, startEmulator, type EmulatorOptions } from './index'

const USAGE = `usage: npm run emulator -- [options]
  --host ADDR            listen address (default 127.0.0.1)
  --port N               http port (default: any free port)
  --tls                  also serve https for the real host names
  --http-port N          with --tls: the http port (default 80)
  --https-port N         with --tls: the https port (default 443)
  --cert-dir DIR         with --tls: where ca.crt is written / reused (default ./emulator-certs)
  --auto-scan SECONDS    scan every new QR code after S seconds, confirm S seconds later
  --seed N               seed of the generated world (default 1)
  --era ERA              ${ERA_NAMES.join(' | ')} (default 2018)
  --lenient              lenient checking (no Referer / online-buddies gate), for third-party clients
  --qr-ttl SECONDS       QR code lifetime (default 120)
  --poll-hold SECONDS    how long an idle poll2 is held (default 60, at least 1: a client that
                         polls again at once must not spin)
  --login-ttl SECONDS    how long a ptlogin session (and so a saved login) lives before a new
                         scan is needed (default 172800, two days as the real service's)
  --rate-limit SPEC      send limiter: off, or BURST,REFILL_SECONDS,COOLDOWN_SECONDS (default 10,2,60)
  --no-chatter           scripted group / discussion members stay quiet
  --chatter-rate N       messages per minute in each chatty group / discussion
  --image-delay MS       how long the image server takes to answer (default 0; the real one took 10000-45000)
  --friends N --categories N --groups N --members N --big-group N --discussions N --online SHARE
                         size of the default account's generated contacts (defaults 12 3 3 8 0 1 0.5)
  --fault SPEC           inject a fault, repeatable: endpoint:kind[=arg][@probability][#count]
                         kinds: delay=MS http=STATUS drop malformed retcode=N empty rotate-ptwebqq
                         delivered-retcode=N kick expire; media: redirect-scheme[=file|javascript]
                         redirect-elsewhere[=loopback|private|other-port] redirect-twice lying-type
                         endless oversized trickle (on get_offpic2, image_server, getface, get_file2,
                         file_server, …); endpoint * = all. e.g. '*:delay=2000@0.1'
  --verbose              log every request`

function fail(msg: string): never {
  process.stderr.write(`${msg}\n${USAGE}\n`)
  process.exit(2)
}

function num(v: string | undefined, name: string, min = 0): number | undefined {
  if (v === undefined) return undefined
  const n = Number(v)
  if (!Number.isFinite(n) || n < min) fail(`--${name} wants a number ≥ ${min}, got ${JSON.stringify(v)}`)
  return n
}

function rateLimit(spec: string | undefined): EmulatorOptions['rateLimit'] {
  if (spec === undefined) return undefined
  if (spec === 'off') return { enabled: false }
  const m = /^(\d+),(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)$/.exec(spec)
  if (!m || Number(m[1]) < 1) fail(`--rate-limit wants off or BURST,REFILL_SECONDS,COOLDOWN_SECONDS, got ${JSON.stringify(spec)}`)
  return { enabled: true, burst: Number(m[1]), refillMs: Number(m[2]) * 1000, cooldownMs: Number(m[3]) * 1000 }
}

async function main(): Promise<void> {
  let values
  try {
    ;({ values } = parseArgs({
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        tls: { type: 'boolean' },
        'http-port': { type: 'string' },
        'https-port': { type: 'string' },
        'cert-dir': { type: 'string' },
        'auto-scan': { type: 'string' },
        seed: { type: 'string' },
        era: { type: 'string' },
        lenient: { type: 'boolean' },
        'qr-ttl': { type: 'string' },
        'poll-hold': { type: 'string' },
        'login-ttl': { type: 'string' },
        'rate-limit': { type: 'string' },
        'no-chatter': { type: 'boolean' },
        'chatter-rate': { type: 'string' },
        'image-delay': { type: 'string' },
        verbose: { type: 'boolean' },
        friends: { type: 'string' },
        categories: { type: 'string' },
        groups: { type: 'string' },
        members: { type: 'string' },
        'big-group': { type: 'string' },
        discussions: { type: 'string' },
        online: { type: 'string' },
        fault: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }))
  } catch (err) {
    fail((err as Error).message)
  }
  if (values.help) {
    process.stdout.write(USAGE + '\n')
    return
  }
  if (values.era !== undefined && !isEraName(values.era)) fail(`--era must be one of ${ERA_NAMES.join(', ')}`)
  const autoScan = num(values['auto-scan'], 'auto-scan')
  const opts: EmulatorOptions = {
    host: values.host,
    port: values.tls ? (num(values['http-port'], 'http-port') ?? 80) : num(values.port, 'port'),
    tls: values.tls
      ? { httpsPort: num(values['https-port'], 'https-port') ?? 443, certDir: resolve(values['cert-dir'] ?? 'emulator-certs') }
      : undefined,
    autoScanMs: autoScan === undefined ? undefined : autoScan * 1000,
    seed: num(values.seed, 'seed'),
    era: values.era as EmulatorOptions['era'],
    strict: values.lenient ? false : undefined,
    qrTtlMs: values['qr-ttl'] === undefined ? undefined : num(values['qr-ttl'], 'qr-ttl', 1)! * 1000,
    pollHoldMs: values['poll-hold'] === undefined ? undefined : num(values['poll-hold'], 'poll-hold', 1)! * 1000,
    ptloginTtlMs: values['login-ttl'] === undefined ? undefined : num(values['login-ttl'], 'login-ttl', 1)! * 1000,
    rateLimit: rateLimit(values['rate-limit']),
    chatter: values['no-chatter'] ? false : undefined,
    chatterRate: num(values['chatter-rate'], 'chatter-rate'),
    imageDelayMs: num(values['image-delay'], 'image-delay'),
    graph: {
      friends: num(values.friends, 'friends'),
      categories: num(values.categories, 'categories'),
      groups: num(values.groups, 'groups'),
      membersPerGroup: num(values.members, 'members', 2),
      bigGroupMembers: num(values['big-group'], 'big-group'),
      discussions: num(values.discussions, 'discussions'),
      onlineShare: num(values.online, 'online'),
    },
    log: (line) => process.stderr.write(line + '\n'),
    logRequests: values.verbose,
  }
  let faults
  try {
    faults = (values.fault ?? []).map(parseFaultSpec)
  } catch (err) {
    fail((err as Error).message)
  }
  const emu = await startEmulator(opts)
  for (const f of faults) emu.core.faults.add(f)
  const urls = [emu.url, emu.httpsUrl].filter(Boolean).join(' ')
  const ca = opts.tls ? ` (CA: ${resolve(opts.tls.certDir, 'ca.crt')})` : ''
  process.stdout.write(`SmartQQ emulator listening on ${urls} — phone: ${emu.phoneUrl} — control API: header ${SECRET_HEADER}: ${emu.secret}${ca}\n`)
  const stop = (signal: string) => {
    process.stderr.write(`emulator: ${signal}, stopping\n`)
    emu.stop().then(() => process.exit(0))
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
}

main().catch((err: unknown) => {
  process.stderr.write(`emulator: ${(err as Error).message}\n`)
  process.exit(1)
})

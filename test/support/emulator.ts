import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { SECRET_HEADER, startEmulator, type EmulatorOptions, type RunningEmulator } from '../../electron/emulator'
import { emulatorProfile, type ServerProfile } from '../../electron/engine/http/profile'

/** Test helpers: a real emulator on loopback, and a phone that talks to its control API. */

/** A running emulator with the engine's server profile for it. */
export type TestEmulator = RunningEmulator & { profile: ServerProfile }

/** One cert folder per test process: the CA and certificate are made once (tls.ts), not per emulator. */
let certDir: string | undefined

export async function withEmulator(opts: EmulatorOptions = {}): Promise<TestEmulator> {
  // Scripted chatter is off unless a test wants it: random group messages would disturb counts.
  // TLS as the app's embedded emulator has it, so the engine's https endpoints stay https.
  const tls = { httpsPort: 0, certDir: (certDir ??= mkdtempSync(join(tmpdir(), 'qq-test-tls-'))) }
  const emu = await startEmulator({ qrTtlMs: 120_000, chatter: false, tls, ...opts })
  return Object.assign(emu, {
    profile: emulatorProfile({ address: emu.host, httpPort: emu.port, httpsPort: emu.httpsPort, ca: emu.caCert }),
  })
}

/** Runs `use` against a fresh emulator and its phone, and stops the emulator afterwards, whatever happened. */
export async function duringEmulator<T>(opts: EmulatorOptions, use: (emu: TestEmulator, phone: Phone) => Promise<T>): Promise<T> {
  const emu = await withEmulator(opts)
  try {
    return await use(emu, Phone.for(emu))
  } finally {
    await emu.stop()
  }
}

/** Decodes a QR code PNG to its text, as a phone camera would. */
export function decodeQr(png: Buffer): string {
  const img = PNG.sync.read(png)
  const code = jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height)
  if (!code) throw new Error('no QR code in the image')
  return code.data
}

/** The control API of one emulator run: every call carries that run's secret. */
export class Phone {
  /** The phone of a running emulator (`withEmulator()`, `testBackend().emulator()`). */
  static for(emu: Pick<RunningEmulator, 'url' | 'secret'>): Phone {
    return new Phone(emu.url, emu.secret)
  }

  /** The phone behind a phone page URL as the app gives it out (`…/phone?secret=…`). */
  static fromPageUrl(phoneUrl: string): Phone {
    const url = new URL(phoneUrl)
    return new Phone(url.origin, url.searchParams.get('secret') ?? '')
  }

  private constructor(
    private readonly baseUrl: string,
    private readonly secret: string,
  ) {
    if (!secret) throw new Error('the control API needs the run\'s secret: use Phone.for(emu) or Phone.fromPageUrl(phoneUrl)')
  }

  /** A control API request (path from `/control/…`) with the secret. */
  fetch(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(this.baseUrl + path, { ...init, headers: { ...(init.headers as Record<string, string>), [SECRET_HEADER]: this.secret } })
  }

  async post(path: string, body: unknown): Promise<{ status: number; body: any }> {
    const res = await this.fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    return { status: res.status, body: await res.json() }
  }

  /** A control API read's JSON body. */
  async get(path: string): Promise<any> {
    return (await this.fetch(path)).json()
  }

  scan(qrText: string, qq?: string) {
    return this.post('/control/qr/scan', { code: qrText, qq })
  }
  confirm(qrText: string) {
    return this.post('/control/qr/confirm', { code: qrText })
  }
  refuse(qrText: string) {
    return this.post('/control/qr/refuse', { code: qrText })
  }
  createAccount(input: { nick: string; qq?: string }) {
    return this.post('/control/accounts', input)
  }
  settings(input: Record<string, unknown>) {
    return this.post('/control/settings', input)
  }
  /** The account's contacts as the emulator knows them (stable numbers, and this login's ids). */
  contacts(owner?: string): Promise<any> {
    return this.get('/control/contacts' + (owner ? `?owner=${owner}` : ''))
  }

  state(): Promise<any> {
    return this.get('/control/state')
  }

  /** A contact sends a picture — bytes, or a bundled sample by name — after `text` when given. */
  sendImage(input: {
    owner?: string
    kind: 'friend' | 'group' | 'discussion' | 'session'
    from: string
    target?: string
    image: Buffer | 'landscape' | 'cat' | 'chart'
    name?: string
    element?: 'offpic' | 'cface'
    text?: string
  }) {
    const { image, name, element, text, ...rest } = input
    const source = typeof image === 'string' ? { sample: image } : { data: image.toString('base64') }
    return this.post('/control/messages/send', { ...rest, content: [...(text ? [text] : []), { image: { ...source, name, element } }] })
  }

  /** A friend offers the account a file: its bytes, or a generated one of `size` bytes. Answers `{lcid}`. */
  offerFile(input: { owner?: string; from: string; name: string; size?: number; data?: Buffer; type?: 101 | 161 }) {
    const { data, ...rest } = input
    return this.post('/control/files/offer', { ...rest, ...(data && { data: data.toString('base64') }) })
  }

  /** The sender cancels an offer (cancel_type 1 by default; 2 sends the low-12-bit session_id). */
  cancelFile(lcid: number, opts: { owner?: string; cancelType?: 1 | 2 | 3 } = {}) {
    return this.post('/control/files/cancel', { lcid, ...opts })
  }

  /** The offers to an account: `[{lcid, from, name, size, type, state, bytesSent}]`. */
  files(owner?: string): Promise<any[]> {
    return this.get('/control/files' + (owner ? `?owner=${owner}` : ''))
  }

  /**
   * A hostile media switch (`off` removes them all; so does /control/faults/clear): on the
   * pictures, avatars and files endpoints it fits unless `scope` narrows it, for `count` answers.
   */
  hostile(
    mode: 'redirect-scheme' | 'redirect-elsewhere' | 'redirect-twice' | 'lying-type' | 'endless' | 'oversized' | 'trickle' | 'off',
    opts: { scope?: Array<'pictures' | 'avatars' | 'files'>; count?: number; scheme?: 'file' | 'javascript'; to?: 'loopback' | 'private' | 'other-port' } = {},
  ) {
    return this.post('/control/media/hostile', { mode, ...opts })
  }

  /** Sets the avatar getface serves for a person (QQ number) or a group (group number). */
  setAvatar(input: { qq: string } | { group: string }, picture: Buffer) {
    return this.post('/control/avatars', { ...input, data: picture.toString('base64') })
  }
}

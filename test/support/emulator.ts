import jsQR from 'jsqr'
import { PNG } from 'pngjs'
import { startEmulator, type EmulatorOptions, type RunningEmulator } from '../../electron/emulator'
import { emulatorProfile, type ServerProfile } from '../../electron/engine/http/profile'

/** Test helpers: a real emulator on loopback, and a phone that talks to its control API. */

export async function withEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator & { profile: ServerProfile }> {
  // Scripted chatter is off unless a test wants it: random group messages would disturb counts.
  const emu = await startEmulator({ qrTtlMs: 120_000, chatter: false, ...opts })
  return Object.assign(emu, {
    profile: emulatorProfile({ address: emu.host, httpPort: emu.port, httpsPort: emu.httpsPort, ca: emu.caCert }),
  })
}

/** Decodes a QR code PNG to its text, as a phone camera would. */
export function decodeQr(png: Buffer): string {
  const img = PNG.sync.read(png)
  const code = jsQR(new Uint8ClampedArray(img.data.buffer, img.data.byteOffset, img.data.length), img.width, img.height)
  if (!code) throw new Error('no QR code in the image')
  return code.data
}

export class Phone {
  constructor(private readonly baseUrl: string) {}

  async post(path: string, body: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(this.baseUrl + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    return { status: res.status, body: await res.json() }
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
  async contacts(owner?: string): Promise<any> {
    return (await fetch(this.baseUrl + '/control/contacts' + (owner ? `?owner=${owner}` : ''))).json()
  }

  async state(): Promise<any> {
    return (await fetch(this.baseUrl + '/control/state')).json()
  }
}

import { HttpClient } from '../../electron/engine/http/client'
import type { ServerProfile } from '../../electron/engine/http/profile'
import { Logger } from '../../electron/engine/log'
import { QrLogin } from '../../electron/engine/login/qr-login'
import type { Session } from '../../electron/engine/session'
import { Phone, decodeQr } from './emulator'

/**
 * A complete QR login through the phone, as a test precondition: decodes the QR code the
 * engine received and scans + confirms exactly that one.
 */
export async function loginWithPhone(
  profile: ServerProfile,
  phone: Phone,
  opts: { qq?: string; logger?: Logger } = {},
): Promise<Session> {
  const logger = opts.logger ?? new Logger()
  const login = new QrLogin(new HttpClient(profile, { logger }), logger, { pollIntervalMs: 30 })
  login.on('state', (s) => {
    if (s.kind === 'qr') {
      const text = decodeQr(s.png)
      void phone.scan(text, opts.qq).then(() => phone.confirm(text))
    }
  })
  return login.run()
}

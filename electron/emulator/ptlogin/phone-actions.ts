import type { EmulatorCore } from '../core'
import type { QrCode } from '../state/qr-codes'

/** What the simulated phone can do to a QR code. */
export type PhoneResult = 'ok' | 'expired' | 'wrong-state' | 'unknown-account'

function live(emu: EmulatorCore, code: QrCode): boolean {
  return !emu.qr.isExpired(code) && code.state !== 'used'
}

export function scanQr(emu: EmulatorCore, code: QrCode, qq: string): PhoneResult {
  if (!emu.accounts.get(qq)) return 'unknown-account'
  if (!live(emu, code)) return 'expired'
  if (code.state !== 'waiting') return 'wrong-state'
  code.state = 'scanned'
  code.account = qq
  return 'ok'
}

export function confirmQr(emu: EmulatorCore, code: QrCode): PhoneResult {
  if (!live(emu, code)) return 'expired'
  if (code.state !== 'scanned') return 'wrong-state'
  code.state = 'confirmed'
  return 'ok'
}

export function refuseQr(emu: EmulatorCore, code: QrCode): PhoneResult {
  if (!live(emu, code)) return 'expired'
  if (code.state !== 'scanned' && code.state !== 'waiting') return 'wrong-state'
  code.state = 'refused'
  return 'ok'
}

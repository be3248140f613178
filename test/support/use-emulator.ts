import { afterAll } from 'vitest'
import type { EmulatorOptions } from '../../electron/emulator'
import { Phone, withEmulator, type TestEmulator } from './emulator'

/**
 * One emulator for a whole test file, with its phone: `const { emu, phone } = await
 * useEmulator(opts)` at the file's top level starts it while the file loads, and it stops after
 * the file's last test.
 */
export async function useEmulator(opts: EmulatorOptions = {}): Promise<{ emu: TestEmulator; phone: Phone }> {
  const emu = await withEmulator(opts)
  afterAll(() => emu.stop())
  return { emu, phone: Phone.for(emu) }
}

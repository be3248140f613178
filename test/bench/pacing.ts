import { rmSync } from 'node:fs'
import { QQClient } from '../../electron/engine/client'
import { Logger } from '../../electron/engine/log'
import { SEND_SPACING_MS } from '../../electron/engine/messages/sender'
import { NO_VAULT } from '../../electron/engine/ports'
import { duringEmulator } from '../support/emulator'
import { eventually, loginClient, tempDir } from '../support/client'
import { median, min, type Report, type Scenario } from './bench'

/**
 * Send pacing (§8.5): a burst of messages typed at once leaves the outbox at the documented
 * spacing (≥ 3 s between sends beyond a small allowance), each ending `sent` — none meets the
 * emulator's anti-spam limiter (1202). Measured on the engine's clock: when each message turned
 * `sending` (the request about to go) and `sent`. Production sender timings; the emulator's
 * limiter at its defaults.
 */

const MESSAGES = 8

const scenario: Scenario = {
  name: 'pacing',
  title: `${MESSAGES} messages queued at once: the spacing between their sends`,
  run: (report: Report) =>
    duringEmulator({ seed: 4, pollHoldMs: 1_000 }, async (emu, phone) => {
      const dataDir = tempDir()
      const client = new QQClient({ profile: emu.profile, logger: new Logger(), dataDir, vault: NO_VAULT, qr: { pollIntervalMs: 20 } })
      try {
        await loginClient(client, phone)
        const friend = client.online().contacts.snapshot.friends[0]!
        const sending = new Map<string, number>()
        const ended = new Map<string, string>()
        client.on('status', (m) => {
          if (m.status === 'sending' && !sending.has(m.id)) sending.set(m.id, performance.now())
          if (m.status === 'sent' || m.status === 'failed' || m.status === 'unknown') ended.set(m.id, m.status)
        })
        const t0 = performance.now()
        const ids = Array.from({ length: MESSAGES }, (_, i) => client.online().sender.send({ kind: 'friend', key: friend.key }, [{ type: 'text', text: `第 ${i + 1} 条` }])[0]!.id)
        await eventually(() => ids.every((id) => ended.has(id)) || undefined, MESSAGES * SEND_SPACING_MS * 2, 'every send ended')
        const total = performance.now() - t0
        const at = ids.map((id) => sending.get(id)!)
        const gaps = at.slice(1).map((t, i) => t - at[i]!)
        const paced = gaps.slice(1)
        report.note(`one friend, ${MESSAGES} messages queued in one go; the emulator's limiter at 10 per burst, one per 2 s`)
        report.line(at[0]! - t0, 'ms', 'queued → first send')
        report.line(gaps[0]!, 'ms', 'first → second send (the allowance)')
        report.line(min(paced), 'ms', `least gap between the later sends (documented: ≥ ${SEND_SPACING_MS} ms)`)
        report.line(median(paced), 'ms', 'median gap between the later sends')
        report.line(total, 'ms', `queued → all ${MESSAGES} ended`)
        const sent = ids.filter((id) => ended.get(id) === 'sent').length
        report.line(sent, 'sent', `of ${MESSAGES} (the rest met 1202 or failed)`)
        report.summary(`${MESSAGES} sends: allowance gap ${gaps[0]!.toFixed(0)} ms, then ≥ ${min(paced).toFixed(0)} ms (median ${median(paced).toFixed(0)}); ${sent}/${MESSAGES} sent`)
      } finally {
        await client.shutdown()
        rmSync(dataDir, { recursive: true, force: true })
      }
    }),
}

export default scenario

import { describe, expect, it } from 'vitest'
import { getOnlineBuddies2 } from '../../electron/engine/endpoints/contact-endpoints'
import { SUPERSEDE_GAP_MS } from '../../electron/emulator/state/mailbox'
import { CGI } from '../../electron/smartqq/constants'
import { useEmulator } from '../support/use-emulator'
import { loginWithPhone } from '../support/login'
import { raw, rForm } from '../support/raw-http'

/**
 * Two clients polling one session against each other (issue 12; §6.1: only the most recent
 * poll gets a message; §9 item 33: a newer poll completes the held one). Each answer sends its
 * client straight back, so the other's poll is pushed aside, and so on: the service must bound
 * that exchange, whatever speed the clients re-poll at.
 */

// Held longer than the gap, so what paces the pair below is the gap, not the hold; short enough
// that the poll left held when the other poller stops ends soon after.
const { emu, phone } = await useEmulator({ pollHoldMs: 2 * SUPERSEDE_GAP_MS, chatter: false })
const me = await loginWithPhone(emu.profile, phone)
await me.http.call(getOnlineBuddies2, { cred: me.cred })

async function poll(): Promise<number> {
  const form = rForm({ ptwebqq: '', clientid: me.cred.clientid, psessionid: me.cred.psessionid, key: '' })
  const cookie = await me.http.jar.getCookieString('http://d1.web2.qq.com/channel/poll2')
  const res = await raw(emu.port, { host: 'd1.web2.qq.com', path: '/channel/poll2', method: 'POST', headers: { ...form.headers, cookie, referer: CGI.d1.referer }, body: form.body })
  return JSON.parse(res.body).retcode
}

describe('superseded polls', () => {
  it('two pollers of one session that re-poll at once on every answer make about one request per gap, not a hot loop', async () => {
    const windowMs = 3 * SUPERSEDE_GAP_MS
    const until = Date.now() + windowMs
    let answers = 0
    const poller = async () => {
      while (Date.now() < until) {
        expect(await poll()).toBe(100012)
        answers++
      }
    }
    await Promise.all([poller(), poller()])
    // One answer at once, then one per gap (the last poll is answered when the other stops);
    // unpaced, this is hundreds.
    expect(answers).toBeLessThanOrEqual(windowMs / SUPERSEDE_GAP_MS + 3)
  })
})

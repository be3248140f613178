import type { EmulatorCore } from '../core'
import { faultOf, nginxPage } from '../faults'
import type { RequestContext } from '../http/context'
import type { Route } from '../http/router'
import type { ChannelSession } from '../state/channels'
import { newPtwebqq } from '../state/tokens'
import { fromR, web2Routes, type ChannelCall, type Params } from './guarded-routes'

/** Clients read poll2 with 70–120 s timeouts, so no hold may come near them (§9 item 31). */
const MAX_HOLD_MS = 65_000

/** channel/poll2, the long poll (§6.1, §9 items 31–36). */
export function pollRoutes(emu: EmulatorCore): Route[] {
  const route = web2Routes(emu)
  return [
    route.channel(
      'poll2',
      ['POST'],
      // §2.6: 100006 is poll2's "malformed POST data"; an ended session gets its kick_message, then 121.
      { params: fromR, malformed: 100006, needsAttach: true, ended: answerEnded },
      (ctx, call) => poll2(emu, ctx, call),
    ),
  ]
}

async function poll2(emu: EmulatorCore, ctx: RequestContext, { login, channel, params: r }: ChannelCall<Params>): Promise<void> {
  // From 2018-01 a poll that still sent the ptwebqq got this and no messages (§6.1). It is held
  // like an idle poll: a client that polls again at once on it (one made 63,000 requests in
  // 150 s) is paced by the service's hold, never by itself.
  if (emu.config.eraRules.pollRejectsPtwebqq && typeof r.ptwebqq === 'string' && r.ptwebqq !== '') {
    if (await heldUntilIdle(ctx, holdMs(emu))) ctx.json({ errmsg: 'error', retcode: 0, retmsg: 'ok' })
    return
  }

  const fault = faultOf(ctx)
  switch (fault?.kind) {
    case 'rotate-ptwebqq':
      // Later hash checks (get_user_friends2, …) must use the new value (§3.10, §9 item 35).
      login.ptwebqq = newPtwebqq()
      return ctx.json({ retcode: 116, p: login.ptwebqq })
    case 'kick':
    case 'expire':
      emu.endChannel(channel, fault.kind === 'kick' ? 'kicked' : 'expired')
      return answerEnded(ctx, channel)
    case 'empty':
      return ctx.json({ retcode: 0, result: [] })
  }

  const mailbox = channel.mailbox
  const started = Date.now()
  let settled = false
  const answer = mailbox.poll(holdMs(emu))
  // A client that gives up on a held poll must not take the next items with it.
  ctx.res.once('close', () => {
    if (!settled && !ctx.res.writableEnded) mailbox.abandon(answer)
  })
  const outcome = await answer
  settled = true
  switch (outcome.kind) {
    case 'items':
      return ctx.json({ retcode: 0, result: outcome.items })
    case 'ended':
      return answerEnded(ctx, channel)
    // What a superseded poll really got was not recorded (§9 item 33 [U]): the idle answer
    // (paced when pollers keep pushing each other aside, mailbox.ts SUPERSEDE_GAP_MS).
    case 'idle':
    case 'superseded':
      return idleAnswer(emu, ctx, Date.now() - started)
  }
}

const holdMs = (emu: EmulatorCore) => Math.min(emu.config.pollHoldMs, MAX_HOLD_MS)

/** Waits out a hold; false when the client went away meanwhile (nothing to answer). */
function heldUntilIdle(ctx: RequestContext, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const gone = () => {
      clearTimeout(timer)
      resolve(false)
    }
    const timer = setTimeout(() => {
      ctx.res.off('close', gone)
      resolve(!ctx.res.destroyed)
    }, ms)
    timer.unref()
    ctx.res.once('close', gone)
  })
}

/** What was queued before the end (a kick_message) once, then 121 "ReLinkFailure". */
async function answerEnded(ctx: RequestContext, channel: ChannelSession): Promise<void> {
  const last = await channel.mailbox.poll(0)
  if (last.kind === 'items') ctx.json({ retcode: 0, result: last.items })
  else ctx.json({ retcode: 121, t: '0' })
}

/** The era's answer to a poll that found nothing (§6.1 table). */
function idleAnswer(emu: EmulatorCore, ctx: RequestContext, heldMs: number): void {
  switch (emu.config.eraRules.idlePoll) {
    case 'retcode-102':
      return ctx.json({ retcode: 102, errmsg: '' })
    case 'http-504':
      return ctx.text(nginxPage(504), 'text/html', 504)
    case 'retcode-100012':
      // Only the `cost[NN.NNs]` tail of retmsg was recorded; it reports the real hold time.
      return ctx.json({ retcode: 100012, retmsg: `poll timeout, cost[${(heldMs / 1000).toFixed(2)}s]` })
    case 'retcode-0-error':
      return ctx.json({ retcode: 0, retmsg: 'ok', errmsg: 'error' })
  }
}

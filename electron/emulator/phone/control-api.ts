import { z } from 'zod'
import type { EmulatorCore } from '../core'
import { ERA_NAMES } from '../era'
import { HttpAnswer, type RequestContext } from '../http/context'
import type { Handler, Route } from '../http/router'
import { confirmQr, refuseQr, scanQr, type PhoneResult } from '../ptlogin/phone-actions'
import { qrPng } from '../ptlogin/qr'
import { keyFromPayload, type QrCode } from '../state/qr-codes'
import type { Person } from '../state/world'

/**
 * The phone's control API: JSON over HTTP on the emulator's own address (not a qq.com host).
 * Not part of the protocol; it is how a person (the phone page) or a test acts on the world.
 */

export function jsonError(status: number, error: string): HttpAnswer {
  return new HttpAnswer(status, JSON.stringify({ error }), 'application/json; charset=utf-8')
}

/** A control API route: `control.<name>` at `/control/<name, dots as slashes>`, on the emulator's own address. */
export function controlRoute(name: string, methods: readonly string[], handler: Handler): Route {
  return { name: `control.${name}`, family: 'local', path: `/control/${name.replace(/\./g, '/')}`, methods, handler }
}

export const qqNumber = z.string().regex(/^[1-9]\d{4,10}$/, 'a QQ number')

/** The account a control call acts for: the one it names, else the default account; 404 when there is none. */
export function ownerOf(emu: EmulatorCore, owner: string | undefined): string {
  const who = owner ?? emu.accounts.default.qq
  if (!emu.accounts.get(who)) throw jsonError(404, 'no such account')
  return who
}

/** Parses and validates a JSON request body against a schema; 400 with the reason otherwise. */
export async function readJson<T>(ctx: RequestContext, schema: z.ZodType<T>): Promise<T> {
  const text = (await ctx.body()).toString('utf8')
  let value: unknown
  try {
    value = text.trim() === '' ? {} : JSON.parse(text)
  } catch {
    throw jsonError(400, 'body is not JSON')
  }
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw jsonError(400, z.prettifyError(parsed.error))
  return parsed.data
}

// The bodies' schemas are built on their first request (z.lazy), not at every start of the app that embeds the emulator.
const codeRef = z.lazy(() =>
  z.object({ code: z.string().min(1), qq: qqNumber.optional() }),
)
const accountInput = z.lazy(() =>
  z.object({
    qq: qqNumber.optional(),
    nick: z.string().min(1).max(64),
    face: z.number().int().min(0).max(1000).optional(),
    lnick: z.string().max(200).optional(),
    password: z.string().max(64).optional(),
  }),
)
const endInput = z.lazy(() =>
  z.object({ qq: qqNumber, reason: z.enum(['expired', 'kicked', 'logout']) }),
)
const clockInput = z.lazy(() =>
  z.object({ ms: z.number().int().min(0).max(365 * 24 * 3600_000) }),
)
const settingsInput = z.lazy(() =>
  z.object({
    era: z.enum(ERA_NAMES).optional(),
    strict: z.boolean().optional(),
    qrTtlMs: z.number().int().min(100).optional(),
    pollHoldMs: z.number().int().min(0).max(65_000).optional(),
    sessionTtlMs: z.number().int().min(1000).optional(),
    ptloginTtlMs: z.number().int().min(1000).optional(),
    autoScanMs: z.number().int().min(0).nullable().optional(),
    captcha: z.enum(['never', 'always', 'after-failure']).optional(),
    rateLimit: z
      .object({ enabled: z.boolean(), burst: z.number().int().min(1), refillMs: z.number().int().min(1), cooldownMs: z.number().int().min(0) })
      .partial()
      .optional(),
    chatter: z.boolean().optional(),
    chatterRate: z.number().min(0).max(600).optional(),
    imageDelayMs: z.number().int().min(0).max(120_000).optional(),
    fileOfferTtlMs: z.number().int().min(100).optional(),
  }),
)

export function qrView(emu: EmulatorCore, c: QrCode) {
  return {
    key: c.key,
    state: emu.qr.isExpired(c) && c.state !== 'used' ? 'expired' : c.state,
    account: c.account ?? null,
    createdAt: c.createdAt,
    expiresAt: c.expiresAt,
  }
}

function personView(p: Person) {
  return { qq: p.qq, nick: p.nick, face: p.face, lnick: p.lnick, status: p.status }
}

function findCode(emu: EmulatorCore, ref: string): QrCode {
  const code = emu.qr.byKeyValue(keyFromPayload(ref))
  if (!code) throw jsonError(404, 'no such QR code')
  return code
}

function reply(ctx: RequestContext, emu: EmulatorCore, code: QrCode, result: PhoneResult): void {
  const status = { ok: 200, expired: 410, 'wrong-state': 409, 'unknown-account': 404 }[result]
  ctx.json(result === 'ok' ? qrView(emu, code) : { error: result, qr: qrView(emu, code) }, status)
}

export function controlRoutes(emu: EmulatorCore): Route[] {
  /** POST /control/qr/<action> {code, qq?}: what the phone does to a QR code. */
  const qrAction = (action: string, act: (qr: QrCode, qq: string | undefined) => PhoneResult): Route =>
    controlRoute(`qr.${action}`, ['POST'], async (ctx) => {
      const { code, qq } = await readJson(ctx, codeRef)
      const qr = findCode(emu, code)
      reply(ctx, emu, qr, act(qr, qq))
    })
  return [
    controlRoute('state', ['GET'], (ctx) =>
      ctx.json({
        settings: { ...emu.config, eraRules: undefined },
        accounts: emu.accounts.all().map(personView),
        qr: emu.qr.pending().map((c) => qrView(emu, c)),
        online: emu.channels.allLive().map((c) => ({ qq: c.login.qq, status: c.status, since: c.createdAt })),
      }),
    ),
    qrAction('scan', (qr, qq) => scanQr(emu, qr, qq ?? emu.accounts.default.qq)),
    qrAction('confirm', (qr) => confirmQr(emu, qr)),
    qrAction('refuse', (qr) => refuseQr(emu, qr)),
    controlRoute('qr.image', ['GET'], async (ctx) => {
      const qr = findCode(emu, ctx.query.get('code') ?? '')
      ctx.bytes(await qrPng(qr.key, 3), 'image/png')
    }),
    controlRoute('accounts', ['GET', 'POST'], async (ctx) => {
      if (ctx.method === 'GET') return ctx.json(emu.accounts.all().map(personView))
      const input = await readJson(ctx, accountInput)
      try {
        ctx.json(personView(emu.accounts.create(input)), 201)
      } catch (err) {
        throw jsonError(409, (err as Error).message)
      }
    }),
    controlRoute('sessions.end', ['POST'], async (ctx) => {
      const { qq, reason } = await readJson(ctx, endInput)
      const channel = emu.channels.live(qq)
      if (!channel) throw jsonError(404, 'no live session for that account')
      emu.endChannel(channel, reason)
      ctx.json({ ended: qq, reason })
    }),
    /** POST /control/clock/advance {ms}: the service's clock moves on (lifetimes run out without waiting). */
    controlRoute('clock.advance', ['POST'], async (ctx) => {
      const { ms } = await readJson(ctx, clockInput)
      emu.advanceClock(ms)
      ctx.json({ now: emu.now() })
    }),
    controlRoute('settings', ['POST'], async (ctx) => {
      const { era, autoScanMs, rateLimit, ...rest } = await readJson(ctx, settingsInput)
      if (era) emu.setEra(era)
      if (rateLimit) emu.config.rateLimit = { ...emu.config.rateLimit, ...rateLimit }
      if (autoScanMs !== undefined) emu.config.autoScanMs = autoScanMs ?? undefined
      Object.assign(emu.config, Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)))
      ctx.json({ ...emu.config, eraRules: undefined })
    }),
  ]
}

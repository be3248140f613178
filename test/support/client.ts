import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { QQClient, type QQClientOptions } from '../../electron/engine/client'
import type { ServerProfile } from '../../electron/engine/http/profile'
import { Logger } from '../../electron/engine/log'
import type { LoginState } from '../../electron/engine/login/login-flow'
import { NO_VAULT, type SessionVault } from '../../electron/engine/ports'
import type { ChatMessage } from '../../electron/model/messages'
import type { SessionView } from '../../electron/model/views'
import { Phone, decodeQr } from './emulator'

/** Fast timings for tests: the protocol's pauses are seconds; tests want milliseconds. */
export const FAST: Pick<QQClientOptions, 'qr' | 'poll' | 'sender' | 'conversationsDebounceMs'> = {
  qr: { pollIntervalMs: 30 },
  poll: { retryDelayMs: 50, backoffBaseMs: 20, backoffMaxMs: 200, minIdlePollMs: 20, watchdogMs: 5_000 },
  sender: { minIntervalMs: 0, burst: 1000, refillMs: 1, retryDelayMs: 20 },
  conversationsDebounceMs: 10,
}

/** A vault in memory, like the app's encrypted file but inspectable. */
export class MemoryVault implements SessionVault {
  value: unknown
  async load() {
    return this.value
  }
  async save(v: unknown) {
    this.value = JSON.parse(JSON.stringify(v))
  }
  async clear() {
    this.value = undefined
  }
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'qq-test-'))
}

export function newClient(profile: ServerProfile, opts: Partial<QQClientOptions> = {}): QQClient {
  return new QQClient({ profile, logger: new Logger(), dataDir: tempDir(), vault: NO_VAULT, ...FAST, ...opts })
}

/** Resolves when the client's session reaches a view of that kind. */
export function sessionReaches(client: QQClient, kind: SessionView['kind'], timeoutMs = 10_000): Promise<SessionView> {
  if (client.session.kind === kind) return Promise.resolve(client.session)
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`session never reached ${kind} (now ${client.session.kind})`)), timeoutMs)
    const on = (s: SessionView) => {
      if (s.kind !== kind) return
      clearTimeout(t)
      client.off('session', on)
      resolve(s)
    }
    client.on('session', on)
  })
}

/** Logs the client in through the phone (decoding the QR it shows) and waits until it polls. */
export async function loginClient(client: QQClient, phone: Phone, qq?: string): Promise<void> {
  const onLogin = (v: LoginState) => {
    if (v.kind !== 'qr') return
    const text = decodeQr(v.png)
    void phone.scan(text, qq).then(() => phone.confirm(text))
  }
  client.on('login', onLogin)
  const online = sessionReaches(client, 'online')
  void client.login.startQr()
  await online
  client.off('login', onLogin)
}

/** Polls `check` until it returns a value (or throws after the timeout, saying `what`: a function says the state it timed out in). */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, timeoutMs = 8_000, what: string | (() => string) = 'condition'): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const v = await check()
    if (v !== undefined && v !== false) return v as T
    if (Date.now() > end) throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

/** The next message event matching `pred` (the event comes after the store wrote it). */
export function nextMessage(c: QQClient, pred: (m: ChatMessage) => boolean = () => true): Promise<ChatMessage> {
  return new Promise((resolve) => {
    const on = (m: ChatMessage) => {
      if (!pred(m)) return
      c.off('message', on)
      resolve(m)
    }
    c.on('message', on)
  })
}

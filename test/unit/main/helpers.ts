import { Logger } from '../../../electron/engine/log'
import { NO_VAULT } from '../../../electron/engine/ports'
import { AppCore } from '../../../electron/backend/app-core'
import { MemorySettingsStore } from '../../../electron/backend/settings-store'
import { AppOrigin } from '../../../electron/main/app-url'
import { openExternalSafely } from '../../../electron/main/links'
import type { WindowDeps } from '../../../electron/main/windows'
import type { FakeFrame, FakeWebContents } from '../../stubs/electron'

/** A logger that keeps its lines, to assert what was (and was not) logged. */
export function recordingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = []
  return { logger: new Logger((level, msg) => lines.push(`${level}: ${msg}`)), lines }
}

/** What windows.ts needs, with the real link opener (which reaches the fake shell). */
export function windowDeps(origin = new AppOrigin()): WindowDeps & { lines: string[] } {
  const { logger, lines } = recordingLogger()
  return {
    preload: '/app/out/preload/index.js',
    origin,
    icon: '/app/resources/icon-256.png',
    openLink: openExternalSafely,
    logger,
    lines,
  }
}

/** Lets pending promise callbacks run. */
export const settle = () => new Promise((r) => setTimeout(r, 0))

/** A real AppCore that is never started: its settings and app-info handlers work without an engine. */
export function idleCore(): AppCore {
  return new AppCore({
    dataDir: '/nonexistent',
    settings: new MemorySettingsStore(),
    vault: () => NO_VAULT,
    host: { kind: 'electron', openExternal: async () => undefined, secretStorage: 'encrypted', downloadDir: '/nonexistent/downloads' },
    embedded: { start: () => Promise.reject(new Error('not in this test')), stop: async () => undefined },
    version: '0.0.0-test',
    logger: new Logger(),
  })
}

/** The IPC event Electron gives a handler for a call from `contents`' main frame. */
export function invokeEventFrom(contents: FakeWebContents, frame: FakeFrame = contents.mainFrame) {
  return { sender: contents, senderFrame: frame, frameId: 1, processId: 1 }
}

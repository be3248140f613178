import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'

/**
 * The packaged app's Electron fuses (flipped in the binary by electron-builder, so no
 * environment variable or flag can undo them): it cannot be run as a plain Node, take
 * NODE_OPTIONS or --inspect, nor load code other than its own integrity-checked app.asar;
 * its cookies are encrypted on disk; file:// pages get no extra privileges (the app uses app://).
 * Checked against the electron-builder that packs it: the config passes its schema, and its own
 * translation gives @electron/fuses exactly these wires.
 */

const require = createRequire(import.meta.url)
const build = JSON.parse(readFileSync('package.json', 'utf8')).build
const { FuseV1Options } = require('@electron/fuses') as typeof import('@electron/fuses')

describe('the packaged app', () => {
  it('is packed into an ASAR (the fuses below load the app from nowhere else)', () => {
    expect(build.asar).toBe(true)
  })

  it('has a build config electron-builder accepts, fuse names included', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config')
    const { DebugLogger } = require('builder-util')
    await expect(validateConfiguration(build, new DebugLogger(false))).resolves.toBeUndefined()
    // The schema would catch a misspelt fuse: the check above is not vacuous.
    await expect(validateConfiguration({ ...build, electronFuses: { runAsnode: false } }, new DebugLogger(false))).rejects.toThrow(/electronFuses/)
  })

  it('flips the fuses: no run-as-node, NODE_OPTIONS or --inspect; encrypted cookies; only the validated app.asar', async () => {
    const { PlatformPackager } = require('app-builder-lib')
    const wires = await PlatformPackager.prototype.generateFuseConfig.call({}, build.electronFuses)
    expect(wires).toMatchObject({
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
    })
  })
})

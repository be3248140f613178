import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { contentSecurityPolicy, ELECTRON_IMAGES } from '../../../electron/backend/csp'

/** A directive's sources, by name, from a policy string. */
function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...sources]) => [name!, sources]),
  )
}

describe('the page’s own Content-Security-Policy', () => {
  const html = readFileSync(resolve('renderer/index.html'), 'utf8')
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? ''

  it('lets in every picture source the hosts’ header allows (Electron enforces the <meta> beside the header: both must allow qq-media:)', () => {
    const page = directives(meta).get('img-src') ?? []
    for (const images of [ELECTRON_IMAGES, "'self'"]) {
      for (const source of directives(contentSecurityPolicy([], images)).get('img-src')!) expect(page, source).toContain(source)
    }
  })
})

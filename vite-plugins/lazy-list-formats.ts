import type { Plugin } from 'vite'

/**
 * @sindresorhus/is (got's type checks) makes two Intl.ListFormat as it loads, for the words of
 * its assertion errors: ~10 ms of CPU each on every start of a host that bundles got (web mode's
 * host, before its server listens; the Electron main process). Here each is made when it first
 * formats a message.
 */
export const lazyListFormats: Plugin = {
  name: 'lazy-list-formats',
  transform(code, id) {
    if (!/@sindresorhus\/is\/distribution\/index\.js$/.test(id)) return
    const lazy = code.replaceAll('new Intl.ListFormat(', 'lazyListFormat(')
    if (lazy === code) {
      this.warn('no Intl.ListFormat left to make lazily in @sindresorhus/is: see vite-plugins/lazy-list-formats.ts')
      return
    }
    // Only two calls renamed on their lines and a function added at the end: the mappings hold.
    return { code: `${lazy}\nfunction lazyListFormat(...args) { let made; return { format: (list) => (made ??= new Intl.ListFormat(...args)).format(list) }; }\n`, map: null }
  },
}

import { withoutLoneSurrogates } from './well-formed'

/**
 * ptlogin answers with JavaScript callback text rather than JSON (§3.4, §4.1, §3.11):
 *   ptuiCB('66','0','','0','二维码未失效。(473959432)', '');
 * Both sides live here so the quoting rules are written once.
 */

export interface JsCallback {
  name: string
  args: string[]
}

function quote(s: string): string {
  return "'" + s.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\r/g, '\\r').replace(/\n/g, '\\n') + "'"
}

/**
 * `name('a','b', 'c');` — the real service put a space before the last argument of ptuiCB, and
 * naive clients split on `','`, so the spacing is kept byte-exact.
 */
export function formatJsCallback(name: string, args: readonly string[], spaceBeforeLast = true): string {
  const quoted = args.map(quote)
  if (!spaceBeforeLast || quoted.length < 2) return `${name}(${quoted.join(',')});`
  const last = quoted.pop()!
  return `${name}(${quoted.join(',')}, ${last});`
}

const CALL = /^\s*([A-Za-z_$][\w$]*)\s*\(([\s\S]*)\)\s*;?\s*$/

/** Parses `name('…', '…')`; undefined when the text is not such a call of single-quoted strings. */
export function parseJsCallback(text: string): JsCallback | undefined {
  const m = CALL.exec(text)
  if (!m) return undefined
  const body = m[2]!
  const args: string[] = []
  let i = 0
  const skipSpace = () => {
    while (i < body.length && /\s/.test(body[i]!)) i++
  }
  skipSpace()
  if (i === body.length) return { name: m[1]!, args }
  for (;;) {
    skipSpace()
    if (body[i] !== "'") return undefined
    i++
    let value = ''
    for (;;) {
      if (i >= body.length) return undefined
      const c = body[i++]!
      if (c === "'") break
      if (c === '\\') {
        const e = body[i++]
        if (e === undefined) return undefined
        if (e === 'n') value += '\n'
        else if (e === 'r') value += '\r'
        else if (e === 't') value += '\t'
        else if (e === 'x' && /^[0-9a-fA-F]{2}/.test(body.slice(i, i + 2))) {
          value += String.fromCharCode(parseInt(body.slice(i, i + 2), 16))
          i += 2
        } else if (e !== '\0') value += e
      } else if (c !== '\0') value += c
    }
    // A raw NUL is never text (in a nickname, §3.4) and is dropped above; `\x00` escapes are
    // binary data on purpose (the salt, §4.1) and stay. Lone surrogates become U+FFFD.
    args.push(withoutLoneSurrogates(value))
    skipSpace()
    if (i === body.length) return { name: m[1]!, args }
    if (body[i] !== ',') return undefined
    i++
  }
}

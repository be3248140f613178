import { describe, expect, it } from 'vitest'
import { formatJsCallback, parseJsCallback } from '../../../electron/smartqq/ptui'

describe('ptlogin JS callbacks', () => {
  it('formats with the space before the last argument, byte for byte (§3.4)', () => {
    expect(formatJsCallback('ptuiCB', ['66', '0', '', '0', '二维码未失效。(473959432)', ''])).toBe(
      "ptuiCB('66','0','','0','二维码未失效。(473959432)', '');",
    )
    expect(formatJsCallback('ptui_auth_CB', ['0', 'u'], false)).toBe("ptui_auth_CB('0','u');")
  })
  it('round-trips quotes, backslashes and newlines in a nickname', () => {
    const args = ['0', '0', 'http://x/check_sig?a=1', '0', '登录成功！', "O'Neil \\ \n ok"]
    expect(parseJsCallback(formatJsCallback('ptuiCB', args))).toEqual({ name: 'ptuiCB', args })
  })
  it('parses real answers with a trailing CRLF and \\x escapes', () => {
    expect(parseJsCallback("ptuiCB('65','0','','0','二维码已失效。(4012918406)', '');\r\n")?.args[0]).toBe('65')
    expect(parseJsCallback("ptui_checkVC('0','!ABC','\\x00\\x00\\x00\\x00\\x49\\x96\\x02\\xd2');")?.args[2]).toBe('\x00\x00\x00\x00\x49\x96\x02\xd2')
  })
  it('refuses what is not a call of quoted strings', () => {
    for (const bad of ['', 'ptuiCB(', "ptuiCB('a',b)", '<html>403</html>', "x('unterminated)", "ptuiCB('a' 'b')"]) {
      expect(parseJsCallback(bad)).toBeUndefined()
    }
  })
  it('drops raw NUL from a nickname and repairs lone surrogates, keeping \\x00 data', () => {
    const text = "ptuiCB('0','0','http://x/','0','登录成功！', 'Ni\0ck\ud800');"
    expect(parseJsCallback(text)?.args[5]).toBe('Nick\uFFFD')
    expect(parseJsCallback("ptui_checkVC('0','!ABC','\\x00\\x01');")?.args[2]).toBe('\x00\x01')
  })
})

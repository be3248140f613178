/**
 * Logging with secrets scrubbed, because session tokens must never reach a log: query
 * parameters and cookies with secret names are masked by name, and every token value the
 * engine currently holds is masked wherever it appears.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'
export type LogSink = (level: LogLevel, message: string) => void

const SECRET_PARAMS = [
  'ptwebqq',
  'vfwebqq',
  'psessionid',
  'ptsigx',
  'qrsig',
  'ptqrtoken',
  'auth_token',
  'skey',
  'p_skey',
  'pt4_token',
  'superkey',
  'supertoken',
  'pt_login_sig',
  'login_sig',
  'group_sig',
  'rkey',
  'p',
  'verifysession',
  'pt_verifysession_v1',
]

const PARAM_RE = new RegExp(`([?&;\\s"'{,]|^)(${SECRET_PARAMS.join('|')})(["']?\\s*[=:]\\s*["']?)([^&;\\s"',}]+)`, 'g')

export class Logger {
  private readonly secrets = new Set<string>()

  constructor(private readonly sink: LogSink = () => {}) {}

  /** Registers token values to mask from now on (short values are ignored: too ambiguous). */
  addSecrets(...values: Array<string | undefined>): void {
    for (const v of values) if (v && v.length >= 6) this.secrets.add(v)
  }

  redact(text: string): string {
    let out = text.replace(PARAM_RE, (_m, pre: string, name: string, sep: string) => `${pre}${name}${sep}***`)
    for (const s of this.secrets) if (out.includes(s)) out = out.split(s).join('***')
    return out
  }

  private write(level: LogLevel, message: string): void {
    this.sink(level, this.redact(message))
  }

  debug(message: string): void {
    this.write('debug', message)
  }
  info(message: string): void {
    this.write('info', message)
  }
  warn(message: string): void {
    this.write('warn', message)
  }
  error(message: string): void {
    this.write('error', message)
  }
}

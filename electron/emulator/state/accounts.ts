/** QQ accounts known to the emulator: who can log in, and who the phone can act for. */

export interface Account {
  /** The QQ number, as decimal digits. */
  qq: string
  nick: string
  face: number
  /** Signature ("long nick"). */
  lnick: string
  /** For the legacy password login only (§4). */
  password: string
  gender: 'male' | 'female' | 'unknown'
  birthday: { year: number; month: number; day: number }
  country: string
  province: string
  city: string
}

export type AccountInput = Partial<Account> & { nick: string }

export const DEFAULT_ACCOUNT: Account = {
  qq: '2851234567',
  nick: '小企鹅',
  face: 603,
  lnick: '今天也要开心呀',
  password: 'password',
  gender: 'female',
  birthday: { year: 1995, month: 8, day: 15 },
  country: '中国',
  province: '广东',
  city: '深圳',
}

export class AccountStore {
  private readonly byQq = new Map<string, Account>()
  private nextQq = 3000000001

  constructor(initial: readonly AccountInput[] = [DEFAULT_ACCOUNT]) {
    for (const a of initial) this.create(a)
  }

  create(input: AccountInput): Account {
    const qq = input.qq ?? this.freeNumber()
    if (!/^[1-9]\d{4,10}$/.test(qq)) throw new RangeError(`not a QQ number: ${qq}`)
    if (this.byQq.has(qq)) throw new RangeError(`account ${qq} exists`)
    const account: Account = { ...DEFAULT_ACCOUNT, lnick: '', ...input, qq }
    this.byQq.set(qq, account)
    return account
  }

  get(qq: string): Account | undefined {
    return this.byQq.get(qq)
  }

  all(): Account[] {
    return [...this.byQq.values()]
  }

  /** The account the phone acts for when none is named: the first one created. */
  get default(): Account {
    const first = this.byQq.values().next()
    if (first.done) throw new Error('the emulator has no accounts')
    return first.value
  }

  private freeNumber(): string {
    while (this.byQq.has(String(this.nextQq))) this.nextQq++
    return String(this.nextQq++)
  }
}

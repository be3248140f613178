import { DEFAULT_KNOBS, type GraphKnobs, WorldBuilder } from './generator'
import type { Person, World } from './world'

/** QQ accounts: people of the world who can log in (with a password for the legacy path, §4). */

export interface AccountInput {
  qq?: string
  nick: string
  face?: number
  lnick?: string
  password?: string
}

export interface Account {
  qq: string
  password: string
}

export const DEFAULT_ACCOUNT: Required<AccountInput> = {
  qq: '2851234567',
  nick: '小企鹅',
  face: 603,
  lnick: '今天也要开心呀',
  password: 'password',
}

export class AccountStore {
  private readonly byQq = new Map<string, Account>()
  private nextQq = 3000000001

  constructor(
    private readonly world: World,
    private readonly builder: WorldBuilder,
  ) {}

  /** Creates an account (a person who can log in) and generates its contacts. */
  create(input: AccountInput, knobs: GraphKnobs = { ...DEFAULT_KNOBS, scripted: false }): Person {
    const qq = input.qq ?? this.freeNumber()
    if (!/^[1-9]\d{4,10}$/.test(qq)) throw new RangeError(`not a QQ number: ${qq}`)
    if (this.world.people.has(qq)) throw new RangeError(`QQ ${qq} exists`)
    const person = this.builder.person({
      qq,
      nick: input.nick,
      ...(input.face !== undefined && { face: input.face }),
      lnick: input.lnick ?? '',
      status: 'offline',
      clientType: 41,
    })
    this.byQq.set(qq, { qq, password: input.password ?? DEFAULT_ACCOUNT.password })
    this.builder.populate(person, knobs)
    return person
  }

  get(qq: string): Person | undefined {
    return this.byQq.has(qq) ? this.world.people.get(qq) : undefined
  }

  password(qq: string): string | undefined {
    return this.byQq.get(qq)?.password
  }

  all(): Person[] {
    return [...this.byQq.keys()].map((qq) => this.world.people.get(qq)!)
  }

  /** The accounts with their passwords, first created first (kept across restarts, state/persist.ts). */
  saved(): Account[] {
    return [...this.byQq.values()].map((a) => ({ ...a }))
  }

  /** Puts saved accounts in place of these (their people are already in the restored world). */
  adopt(saved: Account[]): void {
    this.byQq.clear()
    for (const a of saved) this.byQq.set(a.qq, { ...a })
  }

  /** The account the phone acts for when none is named: the first one created. */
  get default(): Person {
    const first = this.byQq.keys().next()
    if (first.done) throw new Error('the emulator has no accounts')
    return this.world.people.get(first.value)!
  }

  private freeNumber(): string {
    while (this.world.people.has(String(this.nextQq))) this.nextQq++
    return String(this.nextQq++)
  }
}

import { z } from 'zod'
import { STATUS_NAMES } from '../../smartqq/status'
import type { Account } from './accounts'
import { emptyGraph, type Category, type Discussion, type FriendEntry, type Group, type Person, type SocialGraph, type World } from './world'

/**
 * The emulated service's world as one JSON value (issue 12: the embedded server remembers):
 * every person, group and discussion, every account's graph (friends with their categories and
 * marknames, groups, masks and marks, discussions, recent list, friend requests waiting for an
 * answer) and the accounts that can log in. Whatever changed it — the control API, a friend
 * request accepted, a markname or signature set through web2 — is in it, so the world comes back
 * as it was left, not as the seed made it.
 *
 * Made from a seed and options: the snapshot names them (`made`), and a snapshot made from other
 * inputs is not used (the emulator was asked for another world).
 */

const qq = z.string().regex(/^\d{1,20}$/)
// Built on first use (z.lazy): a first start has no world to read back.
const person = z.lazy(() =>
  z.object({
    qq,
    nick: z.string(),
    face: z.number(),
    gender: z.enum(['male', 'female', 'unknown']),
    lnick: z.string(),
    birthday: z.object({ year: z.number(), month: z.number(), day: z.number() }),
    country: z.string(),
    province: z.string(),
    city: z.string(),
    vipLevel: z.number(),
    status: z.enum(STATUS_NAMES),
    clientType: z.number(),
    bot: z.enum(['echo', 'keywords']).optional(),
  }) satisfies z.ZodType<Person>,
)
const group = z.lazy(() =>
  z.object({
    number: qq,
    name: z.string(),
    memo: z.string(),
    owner: qq,
    createTime: z.number(),
    level: z.number(),
    flag: z.number(),
    cls: z.number(),
    face: z.number(),
    members: z.array(z.object({ qq, card: z.string().optional(), mflag: z.number() })),
    chatterPerMinute: z.number().optional(),
  }) satisfies z.ZodType<Group>,
)
const discussion = z.lazy(() =>
  z.object({
    id: qq,
    name: z.string(),
    owner: qq,
    members: z.array(qq),
    chatterPerMinute: z.number().optional(),
  }) satisfies z.ZodType<Discussion>,
)
const graph = z.lazy(() =>
  z.object({
    categories: z.array(z.object({ index: z.number().int(), name: z.string(), sort: z.number() })) satisfies z.ZodType<Category[]>,
    friends: z.array(z.object({ qq, category: z.number().int(), markname: z.string().optional(), flag: z.number(), infoFlag: z.number() })) satisfies z.ZodType<FriendEntry[]>,
    groups: z.array(qq),
    groupMasks: z.array(z.tuple([qq, z.union([z.literal(0), z.literal(1), z.literal(2)])])),
    groupMarks: z.array(z.tuple([qq, z.string()])),
    discussions: z.array(qq),
    recent: z.array(z.object({ type: z.union([z.literal(0), z.literal(1), z.literal(2)]), ref: qq })),
    requests: z.array(z.tuple([qq, z.string()])),
  }),
)

export const worldSnapshot = z.lazy(() =>
  z.object({
    v: z.literal(1),
    /** The generator's inputs (seed, knobs, accounts asked for) this world grew from. */
    made: z.string(),
    people: z.array(person),
    groups: z.array(group),
    discussions: z.array(discussion),
    graphs: z.array(z.tuple([qq, graph])),
    accounts: z.array(z.object({ qq, password: z.string() })),
  }),
)
export type WorldSnapshot = z.infer<typeof worldSnapshot>

export function snapshotWorld(world: World, accounts: Account[], made: string): WorldSnapshot {
  return {
    v: 1,
    made,
    people: [...world.people.values()],
    groups: [...world.groups.values()],
    discussions: [...world.discussions.values()],
    graphs: [...world.graphs].map(([owner, g]) => [
      owner,
      { ...g, groupMasks: [...g.groupMasks], groupMarks: [...g.groupMarks], requests: [...g.requests] },
    ]),
    accounts,
  }
}

/**
 * Why a snapshot cannot be used, or undefined when it can: everything it names must be in it
 * (the CGIs look people and groups up by the numbers a graph holds), so a file that parses but
 * does not hang together is refused rather than failing a request later.
 */
export function snapshotFault(s: WorldSnapshot): string | undefined {
  const people = new Set(s.people.map((p) => p.qq))
  const groups = new Set(s.groups.map((g) => g.number))
  const discussions = new Set(s.discussions.map((d) => d.id))
  const missing = (known: Set<string>, refs: Iterable<string>) => [...refs].find((r) => !known.has(r))
  for (const g of s.groups) {
    const m = missing(people, [g.owner, ...g.members.map((x) => x.qq)])
    if (m) return `group ${g.number} names unknown person ${m}`
  }
  for (const d of s.discussions) {
    const m = missing(people, [d.owner, ...d.members])
    if (m) return `discussion ${d.id} names unknown person ${m}`
  }
  for (const [owner, g] of s.graphs) {
    const m =
      missing(people, [owner, ...g.friends.map((f) => f.qq), ...g.requests.map(([from]) => from)]) ??
      missing(groups, g.groups) ??
      missing(discussions, g.discussions)
    if (m) return `the graph of ${owner} names unknown ${m}`
  }
  const account = missing(people, s.accounts.map((a) => a.qq))
  if (account) return `account ${account} is no person`
  if (s.accounts.length === 0) return 'no accounts'
  return undefined
}

/** Replaces the world's contents with the snapshot's (checked with snapshotFault first). */
export function restoreWorld(world: World, s: WorldSnapshot): void {
  world.people.clear()
  world.groups.clear()
  world.discussions.clear()
  world.graphs.clear()
  for (const p of s.people) world.people.set(p.qq, p)
  for (const g of s.groups) world.groups.set(g.number, g)
  for (const d of s.discussions) world.discussions.set(d.id, d)
  for (const [owner, g] of s.graphs) {
    const restored: SocialGraph = {
      ...emptyGraph(),
      ...g,
      groupMasks: new Map(g.groupMasks),
      groupMarks: new Map(g.groupMarks),
      requests: new Map(g.requests),
    }
    world.graphs.set(owner, restored)
  }
}

import { z } from 'zod'
import type { EmulatorCore } from '../core'
import type { Route } from '../http/router'
import type { Conversation } from '../notify'
import type { ChannelSession } from '../state/channels'
import { SAMPLE_NAMES, samplePicture } from '../media/samples'
import { DEFAULT_FONT, MAX_FACE_ID, type Segment } from '../web2/content'
import { controlRoute, jsonError, ownerOf, qqNumber as qq, readJson } from './control-api'
import { offerFile } from './media-control'
import { pictureData, pictureOf } from './media-input'

/**
 * The phone as any contact: a person or test makes a friend, group member or discussion member
 * send to an account, or raises the small poll events, and reads what the account sent.
 * Delivery is the same path the web sends and the scripted contacts use.
 */

const MAX_PICTURES_PER_MESSAGE = 20
/** An offer made through `events` (file_message) is of a small generated file; /control/files/offer sets more. */
const EVENT_FILE_BYTES = 4096

/**
 * A picture in a message: its bytes (a png, jpeg or gif) and, for the phone page's sake, its
 * file name (received elements carry none, §6.3), or one of the bundled samples. Friends and
 * temporary sessions send it as an offpic, groups and discussions as a cface; `element:
 * 'cface'` makes a friend send a custom face (get_cface2, §7.2).
 */
const element = z.enum(['offpic', 'cface']).optional()
const imageItem = z.lazy(() =>
  z.object({
    image: z.union([
      z.object({ data: pictureData, name: z.string().max(255).optional(), element }),
      z.object({ sample: z.enum(SAMPLE_NAMES), element }),
    ]),
  }),
)

/**
 * An @-mention of a member (groups and discussions): the text `@<card or nick>` as an element of
 * its own, as mentions arrived (§6.3); the member is named by QQ number.
 */
const mentionItem = z.lazy(() =>
  z.object({ mention: qq }),
)

// Each built on its first request (z.lazy), not at every start of the app that embeds the emulator.
const schemas = {
  send: z.lazy(() => z.object({
    owner: qq.optional(),
    kind: z.enum(['friend', 'group', 'discussion', 'session']),
    from: qq,
    /** Group number or discussion id (group, discussion, session). */
    target: z.string().regex(/^\d+$/).optional(),
    content: z
      .array(z.union([z.string().min(1).max(4000), z.object({ face: z.number().int().min(0).max(MAX_FACE_ID) }), mentionItem, imageItem]))
      .min(1)
      .max(200)
      .refine((items) => items.filter((i) => typeof i === 'object' && 'image' in i).length <= MAX_PICTURES_PER_MESSAGE, `at most ${MAX_PICTURES_PER_MESSAGE} pictures`),
  })),
  event: z.lazy(() => z.object({
    owner: qq.optional(),
    type: z.enum(['input_notify', 'shake_message', 'tips', 'file_message']),
    from: qq.optional(),
    /** file_message: the offered file's name. */
    name: z.string().min(1).max(255).optional(),
    /** tips: what the tip says (a fixed sentence otherwise). */
    text: z.string().min(1).max(500).optional(),
  })),
  raw: z.lazy(() => z.object({ owner: qq.optional(), items: z.array(z.object({ poll_type: z.string().max(64), value: z.record(z.string(), z.unknown()) })).min(1).max(100) })),
}
type SendInput = z.infer<typeof schemas.send>

export function messagingControlRoutes(emu: EmulatorCore): Route[] {
  const world = emu.world

  /** Checks that `from` may write to `owner` that way, in world terms. */
  const conversation = (owner: string, i: SendInput): Conversation => {
    if (!world.person(i.from)) throw jsonError(404, 'no such person')
    if (i.kind === 'friend') {
      if (!world.friendOf(owner, i.from)) throw jsonError(409, 'not a friend of the account')
      return { kind: 'friend', to: owner }
    }
    if (!i.target) throw jsonError(400, 'target (group number or discussion id) is required')
    // A session names a group first, else a discussion (their numbers hardly ever collide).
    const group = i.kind === 'discussion' ? undefined : world.groups.get(i.target)
    const disc = i.kind === 'group' || group ? undefined : world.discussions.get(i.target)
    const members = group?.members.map((m) => m.qq) ?? disc?.members
    if (!members) throw jsonError(404, `no such ${i.kind === 'discussion' ? 'discussion' : i.kind === 'group' ? 'group' : 'group or discussion'}`)
    if (!members.includes(owner) || !members.includes(i.from)) throw jsonError(409, 'the account and the sender must both be members')
    if (i.kind === 'group') return { kind: 'group', group: i.target }
    if (i.kind === 'discussion') return { kind: 'discussion', did: i.target }
    return { kind: 'session', to: owner, serviceType: group ? 0 : 1, via: i.target }
  }

  /** How a member is named in a mention: the group card, else the nick (a discussion has no cards). */
  const mentionName = (conv: Conversation, who: string): string => {
    const p = world.person(who)
    if (!p) throw jsonError(404, 'no such person to mention')
    const card = conv.kind === 'group' ? world.groups.get(conv.group)?.members.find((m) => m.qq === who)?.card : undefined
    return card ?? p.nick
  }

  const liveChannel = (owner: string): ChannelSession => {
    const c = emu.channels.live(owner)
    if (!c) throw jsonError(409, 'the account has no live session')
    return c
  }

  return [
    controlRoute('messages', ['GET'], (ctx) => {
      const limit = Number(ctx.query.get('limit') ?? 50)
      ctx.json(emu.notify.sent(ownerOf(emu, ctx.query.get('owner') ?? undefined), Number.isInteger(limit) && limit > 0 ? limit : 50))
    }),
    controlRoute('messages.send', ['POST'], async (ctx) => {
      const input = await readJson(ctx, schemas.send)
      const conv = conversation(ownerOf(emu, input.owner), input)
      const room = conv.kind === 'group' || conv.kind === 'discussion'
      const images = input.content.map((item) => (typeof item === 'object' && 'image' in item ? item.image : undefined))
      if (room && images.some((i) => i?.element === 'offpic')) throw jsonError(400, 'groups and discussions send pictures as cface')
      // Every picture is checked before any is stored.
      const pictures = await Promise.all(images.map((i) => i && ('sample' in i ? samplePicture(i.sample) : pictureOf(i.data))))
      if (!room && input.content.some((item) => typeof item === 'object' && 'mention' in item)) throw jsonError(400, 'mentions are for groups and discussions')
      const segments = input.content.map((item, i): Segment => {
        if (typeof item === 'string') return item
        if ('face' in item) return ['face', item.face]
        if ('mention' in item) return `@${mentionName(conv, item.mention)}`
        return emu.pictures.attach(pictures[i]!, input.from, conv, item.image.element ?? (room ? 'cface' : 'offpic'), emu.imageServer)
      })
      ctx.json({ delivered: emu.notify.message({ from: input.from, conv, content: { segments, font: DEFAULT_FONT } }) })
    }),
    // Hostile poll items for tests: pushed as they are given, all in one poll answer.
    controlRoute('events.raw', ['POST'], async (ctx) => {
      const input = await readJson(ctx, schemas.raw)
      liveChannel(ownerOf(emu, input.owner)).mailbox.pushAll(input.items)
      ctx.json({ ok: true })
    }),
    controlRoute('events', ['POST'], async (ctx) => {
      const input = await readJson(ctx, schemas.event)
      const owner = ownerOf(emu, input.owner)
      if (input.type === 'tips') {
        emu.notify.tips(liveChannel(owner), input.text ?? '这是一条系统提示。')
        return ctx.json({ ok: true })
      }
      if (!input.from) throw jsonError(400, 'from is required')
      if (!world.friendOf(owner, input.from)) throw jsonError(409, 'not a friend of the account')
      const channel = liveChannel(owner)
      if (input.type === 'input_notify') emu.notify.inputNotify(channel, input.from)
      else if (input.type === 'file_message') offerFile(emu, { owner, from: input.from, name: input.name ?? '文件.txt', size: EVENT_FILE_BYTES })
      else emu.notify.shake(channel, input.from)
      ctx.json({ ok: true })
    }),
  ]
}

import { z } from 'zod'
import type { EmulatorCore } from '../core'
import { faultSchema, MEDIA_FAULT_KINDS, MEDIA_FAULTS, type MediaFault } from '../faults'
import type { Route } from '../http/router'
import type { AvatarOwner } from '../media/avatars'
import { MAX_OFFER_BYTES, type FileOffer, type OfferInput } from '../media/files'
import { controlRoute, jsonError, ownerOf, qqNumber as qq, readJson } from './control-api'
import { base64Bytes, pictureOf } from './media-input'

/** Control API for avatars, file offers and the hostile media switches. */

const MAX_AVATAR_BYTES = 2 * 1024 * 1024
/** Bytes a file offer may carry as `data` (bigger ones are generated: `size` alone). */
const MAX_FILE_DATA_BYTES = 10 * 1024 * 1024

/** A name is free text — hostile names are what tests send — but not empty and at most 255 characters. */
const fileName = z.string().min(1).max(255)

const SCOPES = ['pictures', 'avatars', 'files'] as const
type Scope = (typeof SCOPES)[number]

const PICTURE_CGIS = ['get_offpic2', 'get_group_pic', 'get_cface2']
const BODY_ENDPOINTS = { pictures: ['image_server'], avatars: ['getface'], files: ['file_server'] }
/**
 * Where each hostile mode goes, per scope: the redirects on the CGIs that answer 302 (avatars
 * answer the bytes themselves), the bodies on the servers that send them.
 */
const HOSTILE_ENDPOINTS: Record<MediaFault, Partial<Record<Scope, string[]>>> = {
  'redirect-scheme': { pictures: PICTURE_CGIS, files: ['get_file2'] },
  'redirect-elsewhere': { pictures: PICTURE_CGIS, files: ['get_file2'] },
  'redirect-twice': { pictures: ['image_server'], files: ['file_server'] },
  'lying-type': { pictures: ['image_server'], avatars: ['getface'] },
  endless: BODY_ENDPOINTS,
  oversized: BODY_ENDPOINTS,
  trickle: BODY_ENDPOINTS,
}

// Each built on its first request (z.lazy), not at every start of the app that embeds the emulator.
const schemas = {
  hostile: z.lazy(() => z.object({
    mode: z.enum(['off', ...MEDIA_FAULTS]),
    scope: z.array(z.enum(SCOPES)).min(1).default([...SCOPES]),
    /** How many answers it spoils (each endpoint's own count); every one when absent. */
    count: z.number().int().min(1).optional(),
    scheme: z.enum(['file', 'javascript']).optional(),
    to: z.enum(['loopback', 'private', 'other-port']).optional(),
  })),
  offer: z.lazy(() => z
    .object({
      owner: qq.optional(),
      from: qq,
      name: fileName,
      size: z.number().int().min(0).max(MAX_OFFER_BYTES).optional(),
      data: base64Bytes(MAX_FILE_DATA_BYTES).optional(),
      type: z.union([z.literal(101), z.literal(161)]).optional(),
    })
    .refine((i) => i.size !== undefined || i.data !== undefined, 'size or data')
    .refine((i) => i.size === undefined || i.data === undefined || i.size === i.data.length, 'size must be the length of data')),
  cancel: z.lazy(() => z.object({ owner: qq.optional(), lcid: z.number().int().min(0).max(4095), cancelType: z.union([z.literal(1), z.literal(2), z.literal(3)]).default(1) })),
  avatar: z.lazy(() => z
    .object({ qq: qq.optional(), group: z.string().regex(/^\d{1,12}$/).optional(), data: base64Bytes(MAX_AVATAR_BYTES) })
    .refine((i) => (i.qq === undefined) !== (i.group === undefined), 'either qq or group')),
}

export function mediaControlRoutes(emu: EmulatorCore): Route[] {
  const world = emu.world
  const offerOf = (owner: string, lcid: number): FileOffer => {
    const offer = emu.files.find(owner, lcid)
    if (!offer) throw jsonError(404, 'no such file offer')
    return offer
  }
  return [
    controlRoute('files', ['GET'], (ctx) => ctx.json(emu.files.list(ownerOf(emu, ctx.query.get('owner') ?? undefined)).map(fileView))),
    controlRoute('files.offer', ['POST'], async (ctx) => {
      const input = await readJson(ctx, schemas.offer)
      const owner = ownerOf(emu, input.owner)
      ctx.json({ lcid: offerFile(emu, { ...input, owner }).lcid })
    }),
    controlRoute('files.cancel', ['POST'], async (ctx) => {
      const input = await readJson(ctx, schemas.cancel)
      const offer = offerOf(ownerOf(emu, input.owner), input.lcid)
      if (offer.state !== 'offered' && offer.state !== 'accepted') throw jsonError(409, `the offer is ${offer.state}`)
      emu.files.cancel(offer, input.cancelType)
      ctx.json({ ok: true })
    }),
    controlRoute('media.hostile', ['POST'], async (ctx) => {
      const { mode, scope, count, scheme, to } = await readJson(ctx, schemas.hostile)
      if (mode === 'off') return ctx.json({ removed: emu.faults.removeKinds(MEDIA_FAULT_KINDS) })
      const endpoints = scope.flatMap((s) => HOSTILE_ENDPOINTS[mode][s] ?? [])
      if (!endpoints.length) throw jsonError(400, `${mode} does not apply to ${scope.join(', ')}`)
      const fault = faultSchema.parse({ kind: mode, scheme, to })
      ctx.json({ rules: endpoints.map((endpoint) => emu.faults.add({ endpoint, fault, count })) })
    }),
    controlRoute('avatars', ['POST'], async (ctx) => {
      const input = await readJson(ctx, schemas.avatar)
      const owner: AvatarOwner = input.qq !== undefined ? { kind: 'person', qq: input.qq } : { kind: 'group', number: input.group! }
      if (owner.kind === 'person' ? !world.person(owner.qq) : !world.groups.has(owner.number)) throw jsonError(404, `no such ${owner.kind}`)
      emu.avatars.set(owner, await pictureOf(input.data))
      ctx.json({ ok: true })
    }),
  ]
}

/** A friend of the account offers it a file; the control API's errors for what the store refuses. */
export function offerFile(emu: EmulatorCore, input: OfferInput): FileOffer {
  if (!emu.world.person(input.from)) throw jsonError(404, 'no such person')
  if (!emu.world.friendOf(input.owner, input.from)) throw jsonError(409, 'not a friend of the account')
  const offer = emu.files.offer(input)
  if (offer === 'offline') throw jsonError(409, 'the account has no live session')
  if (offer === 'full') throw jsonError(409, 'too many live offers')
  return offer
}

function fileView(o: FileOffer) {
  return { lcid: o.lcid, from: o.from, name: o.name, size: o.size, type: o.type, state: o.state, bytesSent: o.bytesSent }
}

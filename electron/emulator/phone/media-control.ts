import { z } from 'zod'
import type { EmulatorCore } from '../core'
import type { Route } from '../http/router'
import type { AvatarOwner } from '../media/avatars'
import { controlRoute, jsonError, qqNumber as qq, readJson } from './control-api'
import { base64Bytes, pictureOf } from './media-input'

/** Control API for avatars, file offers and the hostile media switches. */

const MAX_AVATAR_BYTES = 2 * 1024 * 1024

const schemas = {
  avatar: z
    .object({ qq: qq.optional(), group: z.string().regex(/^\d{1,12}$/).optional(), data: base64Bytes(MAX_AVATAR_BYTES) })
    .refine((i) => (i.qq === undefined) !== (i.group === undefined), 'either qq or group'),
}

export function mediaControlRoutes(emu: EmulatorCore): Route[] {
  const world = emu.world
  return [
    controlRoute('avatars', ['POST'], async (ctx) => {
      const input = await readJson(ctx, schemas.avatar)
      const owner: AvatarOwner = input.qq !== undefined ? { kind: 'person', qq: input.qq } : { kind: 'group', number: input.group! }
      if (owner.kind === 'person' ? !world.person(owner.qq) : !world.groups.has(owner.number)) throw jsonError(404, `no such ${owner.kind}`)
      emu.avatars.set(owner, await pictureOf(input.data))
      ctx.json({ ok: true })
    }),
  ]
}

import type { z } from 'zod'
import { idField, idSchema } from '../http/decode'

/**
 * The per-login opaque ids of §2.4 as distinct types, so that a gid can never be passed where
 * a group code is wanted (the classic retcode-6 mistake) and none is mistaken for a QQ number.
 * All are decimal strings: they are often above 2^32, and nothing promises they stay below 2^53.
 */
export type Uin = string & { readonly __brand: 'Uin' }
export type GroupId = string & { readonly __brand: 'GroupId' }
export type GroupCode = string & { readonly __brand: 'GroupCode' }
export type DiscussionId = string & { readonly __brand: 'DiscussionId' }
/** A real QQ number (account), as leaked by a few endpoints. */
export type QqNumber = string & { readonly __brand: 'QqNumber' }

/** idSchema with its output branded: a type only, not one more transform per id (5,000 friends, issue 13). */
const branded = <B extends string>() => idSchema as unknown as z.ZodType<B, unknown>

export const uinSchema = branded<Uin>()
export const gidSchema = branded<GroupId>()
export const gcodeSchema = branded<GroupCode>()
export const didSchema = branded<DiscussionId>()
export const qqSchema = branded<QqNumber>()

/** The same as list-entry fields (decode.ts `record`). */
export const uinField = idField(uinSchema)
export const gidField = idField(gidSchema)
export const gcodeField = idField(gcodeSchema)
export const didField = idField(didSchema)
export const qqField = idField(qqSchema)

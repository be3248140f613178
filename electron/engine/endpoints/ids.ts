import { idSchema } from '../http/decode'

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

export const uinSchema = idSchema.transform((v) => v as Uin)
export const gidSchema = idSchema.transform((v) => v as GroupId)
export const gcodeSchema = idSchema.transform((v) => v as GroupCode)
export const didSchema = idSchema.transform((v) => v as DiscussionId)
export const qqSchema = idSchema.transform((v) => v as QqNumber)

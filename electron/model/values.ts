import { z } from 'zod'
import { CLIENT_KINDS, CONTACT_PARTS, CONVERSATION_KINDS, ERROR_KINDS, HOST_KINDS, MEMBER_ROLES, MESSAGE_STATUSES, PROFILE_KINDS, SECRET_STORAGES, STATUS_NAMES } from './value-names'

/**
 * Every closed set of values the app speaks of as a zod enum, built from its names
 * (value-names.ts, re-exported here with their types); the IPC schemas, the engine and the UI
 * all use these.
 */
export * from './value-names'

export const statusSchema = z.enum(STATUS_NAMES)
export const clientKindSchema = z.enum(CLIENT_KINDS)
export const conversationKindSchema = z.enum(CONVERSATION_KINDS)
export const contactPartSchema = z.enum(CONTACT_PARTS)
export const memberRoleSchema = z.enum(MEMBER_ROLES)
export const messageStatusSchema = z.enum(MESSAGE_STATUSES)
export const profileKindSchema = z.enum(PROFILE_KINDS)
export const hostKindSchema = z.enum(HOST_KINDS)
export const secretStorageSchema = z.enum(SECRET_STORAGES)
export const errorKindSchema = z.enum(ERROR_KINDS)

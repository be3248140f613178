import { describe, expect, it } from 'vitest'
import { asksForAttention, shouldNotify, type ChatMessage } from '../../../electron/model'

const friend = { kind: 'friend' as const, key: 'f:q:1' }
const other = { kind: 'friend' as const, key: 'f:q:2' }
const message = (over: Partial<ChatMessage> = {}): ChatMessage => ({ id: 'm1', conversation: friend, direction: 'in', time: 0, order: 1, segments: [{ type: 'text', text: '在吗' }], status: 'received', ...over })
const on = { enabled: true, doNotDisturb: false }

describe('what asks for attention', () => {
  it('an incoming message and a shake do; my own messages and the other system lines do not', () => {
    expect(asksForAttention(message())).toBe(true)
    expect(asksForAttention(message({ segments: [{ type: 'notice', notice: { kind: 'shake' } }] }))).toBe(true)
    expect(asksForAttention(message({ direction: 'out' }))).toBe(false)
    expect(asksForAttention(message({ segments: [{ type: 'notice', notice: { kind: 'tips', text: '对方已下线' } }] }))).toBe(false)
    expect(asksForAttention(message({ segments: [{ type: 'notice', notice: { kind: 'member-joined', member: '小明' } }] }))).toBe(false)
  })

  it('notifies unless off, do-not-disturb, muted, or that conversation is on screen', () => {
    expect(shouldNotify(message(), { notifications: on, muted: false, onScreen: undefined })).toBe(true)
    expect(shouldNotify(message(), { notifications: on, muted: false, onScreen: other })).toBe(true)
    expect(shouldNotify(message(), { notifications: on, muted: false, onScreen: friend })).toBe(false)
    expect(shouldNotify(message(), { notifications: on, muted: true, onScreen: undefined })).toBe(false)
    expect(shouldNotify(message(), { notifications: { ...on, enabled: false }, muted: false, onScreen: undefined })).toBe(false)
    expect(shouldNotify(message(), { notifications: { ...on, doNotDisturb: true }, muted: false, onScreen: undefined })).toBe(false)
    expect(shouldNotify(message({ segments: [{ type: 'notice', notice: { kind: 'member-left', member: '小明' } }] }), { notifications: on, muted: false, onScreen: undefined })).toBe(false)
  })
})

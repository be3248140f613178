import { describe, expect, it } from 'vitest'
import { chatOfPath, chatPath, CONVERSATION_KINDS } from '../../../electron/ipc/contract'

describe("a chat window's path", () => {
  it('names its conversation and reads back as it, for every kind and any key', () => {
    for (const kind of CONVERSATION_KINDS) for (const key of ['f:10001', 'g/1 #?', '讨论组 ü']) expect(chatOfPath(chatPath({ kind, key }))).toEqual({ kind, key })
  })

  it('names no conversation for an unknown kind (an inherited name too), a bad escape, no key or more parts', () => {
    for (const path of ['chat/buddy/1', 'chat/constructor/1', 'chat/tostring/1', 'chat/friend/%E0%A4%A', 'chat/friend/', 'chat/friend/1/2', 'chats', '']) expect(chatOfPath(path), path).toBeUndefined()
  })
})

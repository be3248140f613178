import { describe, expect, it } from 'vitest'
import { KeyAllocator } from '../../../electron/engine/contacts/identity'

describe('KeyAllocator', () => {
  it('hands out each base as it is the first time, and #2, #3 to its look-alikes in list order, each base counted apart', () => {
    const keys = new KeyAllocator()
    const taken = ['f:n:Bob/1', 'f:n:Ann/2', 'f:n:Bob/1', 'f:n:Bob/1', 'f:n:Ann/2', 'f:n:Cy/0'].map((b) => keys.take(b))
    expect(taken).toEqual(['f:n:Bob/1', 'f:n:Ann/2', 'f:n:Bob/1#2', 'f:n:Bob/1#3', 'f:n:Ann/2#2', 'f:n:Cy/0'])
  })

  it('starts over for another list', () => {
    new KeyAllocator().take('g:n:Room')
    expect(new KeyAllocator().take('g:n:Room')).toBe('g:n:Room')
  })
})

import { describe, expect, it } from 'vitest'
import { conversationAvatar } from '../../../renderer/src/lib/avatar-look'
import { keptAvatar } from '../../../renderer/src/lib/kept-avatar'

describe('keptAvatar', () => {
  it('is the same subject object for the same conversation, as conversationAvatar words it', () => {
    for (const ref of [{ kind: 'friend', key: 'f:q:1' }, { kind: 'group', key: 'g:n:x' }, { kind: 'discussion', key: 'd:1' }] as const) {
      expect(keptAvatar(ref)).toEqual(conversationAvatar(ref))
      expect(keptAvatar({ ...ref })).toBe(keptAvatar(ref))
    }
    expect(keptAvatar({ kind: 'friend', key: 'f:q:1' })).not.toBe(keptAvatar({ kind: 'group', key: 'f:q:1' }))
  })
})

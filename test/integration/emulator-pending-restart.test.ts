import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { EmulatorCore } from '../../electron/emulator/core'
import { newLogin } from '../../electron/emulator/ptlogin/qr'
import { DEFAULT_ACCOUNT } from '../../electron/emulator/state/accounts'
import { tempDir } from '../support/client'

/**
 * A live channel's undelivered poll items survive a restart of the emulator that keeps a
 * sessions file (issue 12): the next poll after the restart gets them, and the message counter
 * goes on where it was, so a client that drops msg_ids it has seen drops none of the new ones.
 * (What the real service did with them across its own restarts is not recorded [U].)
 */

const ME = DEFAULT_ACCOUNT.qq

describe('the emulator keeps undelivered poll items across a restart', () => {
  it('a friend request queued while nobody polled is the first poll answer after the restart, and msg_ids keep rising', async () => {
    const sessionFile = join(tempDir(), 'sessions.sqlite')
    const first = new EmulatorCore({ sessionFile, chatter: false })
    const { channel } = first.channels.create(newLogin(first, ME), '53999199', 'online')
    const from = first.world.graph(ME).friends[2]!.qq
    // As the control API's friend-request does: the graph waits for an answer, the session is told.
    first.world.graph(ME).requests.set(from, '我是你的同学')
    first.notify.friendRequest(ME, from, '我是你的同学')
    expect(channel.mailbox.size).toBe(1)
    const lastId = channel.mailbox.nextMsgId()
    first.dispose()

    const second = new EmulatorCore({ sessionFile, chatter: false })
    const back = second.channels.live(ME)!
    expect(back.psessionid).toBe(channel.psessionid)
    const outcome = await back.mailbox.poll(0)
    expect(outcome).toMatchObject({
      kind: 'items',
      items: [{ poll_type: 'system_message', value: { type: 'verify_required', account: Number(from), msg: '我是你的同学' } }],
    })
    expect(back.mailbox.nextMsgId()).toBe(lastId + 1)
    // The pending request is in the world too: the graph still waits for its answer.
    expect(second.world.graph(ME).requests.get(from)).toBe('我是你的同学')
    second.dispose()
  })
})

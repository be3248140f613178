import { describe, expect, it } from 'vitest'
import { Mailbox, type PollOutcome } from '../../electron/emulator/state/mailbox'

const item = { poll_type: 'message', value: { msg_id: 1 } }

describe('Mailbox', () => {
  it('a newer poll pushes the held one aside at once the first time; the newest gets the items', async () => {
    const box = new Mailbox(1)
    const older = box.poll(60_000)
    const newer = box.poll(60_000)
    expect(await older).toEqual({ kind: 'superseded' })
    box.push(item)
    expect(await newer).toEqual({ kind: 'items', items: [item] })
  })

  it('the client of a poll already pushed aside (its answer still paced) going away leaves the newer held poll alone', async () => {
    const box = new Mailbox(1)
    void box.poll(60_000)
    const second = box.poll(60_000)
    const third = box.poll(60_000)
    box.abandon(second)
    box.push(item)
    expect(await third).toEqual<PollOutcome>({ kind: 'items', items: [item] })
    expect(await second).toEqual({ kind: 'superseded' })
  })

  it('the held poll whose client went away is forgotten: the items wait for the next poll', async () => {
    const box = new Mailbox(1)
    const gone = box.poll(60_000)
    box.abandon(gone)
    box.push(item)
    expect(box.isHeld).toBe(false)
    expect(await box.poll(60_000)).toEqual({ kind: 'items', items: [item] })
  })
})

import { z } from 'zod'
import { describe, expect, it } from 'vitest'
import { faultRuleSchema, faultSchema } from '../../electron/emulator/faults'
import { pictureData } from '../../electron/emulator/phone/media-input'
import { worldSnapshot } from '../../electron/emulator/state/world-snapshot'

describe("the emulator's input schemas", () => {
  it('are built on first use, not when the app that embeds the emulator loads them', () => {
    for (const schema of [faultSchema, faultRuleSchema, pictureData, worldSnapshot]) expect(schema).toBeInstanceOf(z.ZodLazy)
  })

  it('check as strictly as before once built', () => {
    expect(faultRuleSchema.parse({ endpoint: 'poll2', fault: { kind: 'delay', ms: 5 } })).toEqual({ endpoint: 'poll2', fault: { kind: 'delay', ms: 5 }, probability: 1 })
    expect(faultRuleSchema.safeParse({ endpoint: '', fault: { kind: 'drop' } }).success).toBe(false)
    expect(faultRuleSchema.safeParse({ endpoint: 'poll2', fault: { kind: 'delay', ms: 120_001 } }).success).toBe(false)
    expect(faultSchema.safeParse({ kind: 'no-such-fault' }).success).toBe(false)
    expect(pictureData.safeParse('not base64!').success).toBe(false)
    expect(pictureData.parse('aGk=')).toEqual(Buffer.from('hi'))
    expect(worldSnapshot.safeParse({}).success).toBe(false)
  })
})

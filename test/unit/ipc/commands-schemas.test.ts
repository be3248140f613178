import { describe, expect, it } from 'vitest'
import { COMMAND_NAMES, commands } from '../../../electron/ipc/contract'

describe('the command table', () => {
  it('builds each schema when its args is first read, then hands out that same schema', () => {
    for (const name of COMMAND_NAMES) {
      // An accessor, not a schema made when the module loaded (the host and the page load it at every start).
      expect(typeof Object.getOwnPropertyDescriptor(commands[name], 'args')?.get, name).toBe('function')
      expect(commands[name].args, name).toBe(commands[name].args)
    }
  })

  it('keeps the schemas as strict as declared: unknown keys, bounds and formats are refused', () => {
    expect(commands['app.info'].args.safeParse({ extra: 1 }).success).toBe(false)
    expect(commands['login.password'].args.safeParse({ qq: '10001', password: 'x' }).success).toBe(true)
    expect(commands['login.password'].args.safeParse({ qq: '01000', password: 'x' }).success).toBe(false)
    expect(commands['login.password'].args.safeParse({ qq: '10001', password: 'x', more: true }).success).toBe(false)
    expect(commands['message.delete'].args.safeParse({ id: 'x'.repeat(65) }).success).toBe(false)
    expect(commands['history.page'].args.parse({ conversation: { kind: 'friend', key: 'k' } })).toEqual({ conversation: { kind: 'friend', key: 'k' }, limit: 50 })
  })
})

import type { EmulatorCore } from '../core'
import type { ChatMessage } from '../notify'
import { DEFAULT_FONT, plainText } from '../web2/content'
import { startChatter } from './chatter'
import { echoReply } from './echo'
import { keywordsReply } from './keywords'

/**
 * The scripted contacts that make a fresh emulator feel alive: the echo and keyword friends
 * answer messages, chatty groups and discussions talk among themselves. They send through the
 * same delivery path as the phone (`emu.notify.message`), never through the HTTP API.
 */
export function startBots(emu: EmulatorCore): { stop(): void } {
  const rng = emu.rng.fork('bots')
  const world = emu.world
  let stopped = false

  const answer = (m: ChatMessage) => {
    if (m.conv.kind !== 'friend') return
    const bot = world.person(m.conv.to)?.bot
    // Bots never answer bots: two of them would talk forever.
    if (!bot || world.person(m.from)?.bot) return
    const content =
      bot === 'echo' ? echoReply(m.content) : { segments: keywordsReply(plainText(m.content.segments), rng, new Date(emu.now())), font: DEFAULT_FONT }
    const reply: ChatMessage = { from: m.conv.to, conv: { kind: 'friend', to: m.from }, content }
    emu.later(rng.int(500, 1500), () => {
      if (!stopped) emu.notify.message(reply)
    })
  }

  const unsubscribe = emu.notify.onMessage(answer)
  const chatter = startChatter(emu)
  return {
    stop() {
      stopped = true
      unsubscribe()
      chatter.stop()
    },
  }
}

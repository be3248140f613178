import type { EmulatorCore } from '../core'
import type { ChatMessage } from '../notify'
import { SAMPLE_NAMES, samplePicture } from '../media/samples'
import { DEFAULT_FONT, plainText, type Segment } from '../web2/content'
import { startChatter } from './chatter'
import { echoReply } from './echo'
import { HELPER_FILE, keywordsMedia, keywordsReply } from './keywords'

/**
 * The scripted contacts that make a fresh emulator feel alive: the echo and keyword friends
 * answer messages, chatty groups and discussions talk among themselves. They send through the
 * same delivery path as the phone (`emu.notify.message`), never through the HTTP API.
 */
export function startBots(emu: EmulatorCore): { stop(): void } {
  const rng = emu.rng.fork('bots')
  const world = emu.world
  let stopped = false

  const say = (from: string, to: string, segments: Segment[]) =>
    emu.notify.message({ from, conv: { kind: 'friend', to }, content: { segments, font: DEFAULT_FONT } })

  /** 小助手's picture (a bundled sample) or file (its usage notes, offered like any friend's file). */
  const sendMedia = (bot: string, to: string, media: 'picture' | 'file') => {
    if (media === 'picture') {
      const picture = samplePicture(rng.pick(SAMPLE_NAMES))
      return say(bot, to, ['给你看一张图片：', emu.pictures.attach(picture, bot, { kind: 'friend', to }, 'offpic', emu.imageServer)])
    }
    const offer = emu.files.offer({ owner: to, from: bot, name: HELPER_FILE.name, data: Buffer.from(HELPER_FILE.text) })
    say(bot, to, [typeof offer === 'object' ? '这是我的使用说明，收下吧～' : '现在发不了文件，等会儿再试试'])
  }

  /** When the last reply scheduled in each bot ↔ peer conversation goes (emulator time); gone once it went. */
  const replyAt = new Map<string, number>()

  const answer = (m: ChatMessage) => {
    if (m.conv.kind !== 'friend') return
    const botQq = m.conv.to
    const bot = world.person(botQq)?.bot
    // Bots never answer bots: two of them would talk forever.
    if (!bot || world.person(m.from)?.bot) return
    const text = plainText(m.content.segments)
    const media = bot === 'keywords' ? keywordsMedia(text) : undefined
    let reply: () => void
    if (bot === 'echo') {
      const content = echoReply(m.content)
      reply = () => emu.notify.message({ from: botQq, conv: { kind: 'friend', to: m.from }, content })
    } else if (media) {
      reply = () => sendMedia(botQq, m.from, media)
    } else {
      const segments = keywordsReply(text, rng, new Date(emu.now()))
      reply = () => say(botQq, m.from, segments)
    }
    // A person answers in the order they were told: a reply never goes before the one to an
    // earlier message (with random delays alone, four quick messages to 回声 came back 4, 3, 1, 2).
    const thread = `${botQq}>${m.from}`
    const at = Math.max(emu.now() + rng.int(500, 1500), (replyAt.get(thread) ?? 0) + rng.int(150, 400))
    replyAt.set(thread, at)
    emu.later(at - emu.now(), () => {
      if (replyAt.get(thread) === at) replyAt.delete(thread)
      if (!stopped) reply()
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

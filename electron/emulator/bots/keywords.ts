import type { Rng } from '../state/rng'
import type { Segment } from '../web2/content'

/**
 * The keyword friend (小助手): answers a few words in Chinese or English, and something
 * friendly otherwise, sometimes with a face (ids from §6.8).
 */

const FACE = { smile: 14, grin: 13, snicker: 73, cute: 74, thumbsUp: 46, handshake: 71, rose: 33 } as const

const JOKES = [
  '程序员最讨厌的两件事：写文档，和别人不写文档。',
  '我问电脑要不要休息一下，它说：我已经在“待机”了。',
  '小明：老师，我的作业被狗吃了。老师：你家没有狗。小明：所以它是借的。',
  '为什么企鹅不会冷？因为它们一直在线（QQ）。',
  '减肥第一天：从明天开始。',
]

const FRIENDLY = ['嗯嗯，我在听～', '收到！', '哈哈，有意思', '你说得对', '今天过得怎么样？', '我是小助手，发“帮助”看看我会什么']

export const HELP_TEXT = '我能听懂这些：你好 / hello、时间 / time、笑话 / joke、图片 / picture、文件 / file、帮助 / help'

/** The small file 小助手 offers when asked for one: a text file with real content. */
export const HELPER_FILE = {
  name: '小助手使用说明.txt',
  text: [
    '小助手使用说明',
    '==============',
    '',
    '我是模拟器里的关键词机器人，给我发这些词试试：',
    '  你好 / hello    打个招呼',
    '  时间 / time     现在几点',
    '  笑话 / joke     讲个笑话',
    '  图片 / picture  发一张图片给你',
    '  文件 / file     发这个文件给你',
    '  帮助 / help     看我会什么',
    '',
    'The keyword bot of the SmartQQ emulator. Words it knows: hello, time, joke, picture, file, help.',
    '',
  ].join('\r\n'),
}

/** What 小助手 sends instead of words: a picture (图片) or a file offer (文件). */
export function keywordsMedia(text: string): 'picture' | 'file' | undefined {
  const t = text.trim().toLowerCase()
  if (/图片|照片|\bpictures?\b|\bphotos?\b/.test(t)) return 'picture'
  if (/文件|\bfiles?\b/.test(t)) return 'file'
  return undefined
}

export function keywordsReply(text: string, rng: Rng, now: Date): Segment[] {
  const t = text.trim().toLowerCase()
  const withFace = (line: string, face: number): Segment[] => (rng.chance(0.5) ? [line, ['face', face]] : [line])
  if (/帮助|help/.test(t)) return [HELP_TEXT]
  if (/你好|您好|hello|\bhi\b/.test(t)) return withFace('你好呀！我是小助手，很高兴认识你。', FACE.smile)
  if (/时间|几点|time/.test(t)) return [`现在是 ${formatTime(now)}`]
  if (/笑话|joke/.test(t)) return withFace(rng.pick(JOKES), FACE.grin)
  return withFace(rng.pick(FRIENDLY), rng.pick([FACE.snicker, FACE.cute, FACE.thumbsUp, FACE.handshake, FACE.rose]))
}

function formatTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}

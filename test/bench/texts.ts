/**
 * Chat-like text for the benchmarks: short Chinese and English messages, mixed the way a
 * Chinese QQ user writes (mostly Chinese, English words and links here and there), from a
 * seeded generator so every run measures the same data.
 */

const ZH = [
  '你好', '在吗', '今天', '明天', '下午', '晚上', '开会', '吃饭', '周末', '爬山', '天气', '不错', '哈哈哈',
  '好的', '收到', '谢谢', '不好意思', '等一下', '马上到', '路上堵车', '项目进度', '文件发你了', '看一下',
  '周报', '老板说', '加班', '放假', '火车票', '机票', '酒店', '生日快乐', '恭喜', '红包', '群里',
  '大家', '注意', '通知', '会议室', '三楼', '下周一', '截止日期', '测试', '上线', '修复', '问题', '已经',
  '可以', '没问题', '明白', '辛苦了', '早上好', '晚安', '奶茶', '火锅', '烧烤', '电影', '游戏', '篮球',
  '考试', '作业', '老师', '同学', '妈妈', '快递', '外卖', '地铁', '下雨', '带伞',
]
const EN = [
  'ok', 'hello', 'meeting', 'deadline', 'release', 'bug', 'fix', 'review', 'PR', 'merge', 'lunch',
  'coffee', 'tonight', 'weekend', 'thanks', 'sorry', 'sure', 'lol', 'see you', 'ASAP', 'update',
  'slides', 'demo', 'server', 'login', 'test', 'build', 'deploy', 'version', 'please check',
]
const PUNCT = ['', '', '，', '。', '！', '？', '~', ' ']

/** A small seeded PRNG (mulberry32). */
export class Rand {
  constructor(private state: number) {}

  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) | 0)
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  int(n: number): number {
    return Math.floor(this.next() * n)
  }

  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!
  }
}

/** One message of 2–12 words: about four in five Chinese, with English mixed in. */
export function chatText(rand: Rand): string {
  const words = 2 + rand.int(11)
  let out = ''
  for (let i = 0; i < words; i++) {
    const en = rand.next() < 0.2
    const w = en ? rand.pick(EN) : rand.pick(ZH)
    out += (en && out ? ' ' : '') + w + (en ? ' ' : rand.pick(PUNCT))
  }
  if (rand.next() < 0.03) out += ` https://example.com/s/${rand.int(100000)}`
  return out.trim()
}

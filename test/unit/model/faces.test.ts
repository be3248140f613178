import { describe, expect, it } from 'vitest'
import { faceByEmoji, faceById, faceByName, FACES, UNKNOWN_FACE } from '../../../electron/model'

/** §6.8 of the protocol reference, as written there: the official sender's name → server id table. */
const CLASSIC = `
微笑14 撇嘴1 色2 发呆3 得意4 流泪5 害羞6 闭嘴7 睡8 大哭9 尴尬10 发怒11 调皮12 呲牙13 惊讶0
难过50 酷51 冷汗96 抓狂53 吐54 偷笑73 可爱74 白眼75 傲慢76 饥饿77 困78 惊恐55 流汗56 憨笑57
大兵58 奋斗79 咒骂80 疑问81 嘘82 晕83 折磨84 衰85 骷髅86 敲打87 再见88 擦汗97 抠鼻98 鼓掌99
糗大了100 坏笑101 左哼哼102 右哼哼103 哈欠104 鄙视105 委屈106 快哭了107 阴险108 亲亲109 吓110
可怜111 菜刀112 西瓜32 啤酒113 篮球114 乒乓115 咖啡63 饭64 猪头59 玫瑰33 凋谢34 示爱116
爱心36 心碎37 蛋糕38 闪电91 炸弹92 刀93 足球29 瓢虫117 便便72 月亮45 太阳42 礼物39 拥抱62
强46 弱47 握手71 胜利95 抱拳118 勾引119 拳头120 差劲121 爱你122 NO123 OK124 爱情27 飞吻21
跳跳23 发抖25 怄火26 转圈125 磕头126 回头127 跳绳128 挥手129 激动130 街舞131 献吻132
左太极133 右太极134 双喜136 鞭炮137 灯笼138 发财139 K歌140 购物141 邮件142 帅143 喝彩144
祈祷145 爆筋146 棒棒糖147 喝奶148 下面149 香蕉150 飞机151 开车152 左车头153 车厢154 右车头155
多云156 下雨157 钞票158 熊猫159 灯泡160 风车161 闹钟162 打伞163 彩球164 钻戒165 沙发166
纸巾167 药168 手枪169 青蛙170
`

const classic = CLASSIC.trim()
  .split(/\s+/)
  .map((entry) => {
    const m = /^(.+?)(\d+)$/.exec(entry)!
    return { zh: m[1]!, id: Number(m[2]) }
  })

describe('the face table (§6.8)', () => {
  it('has every face of the classic table, in its order, with its server id and name', () => {
    expect(classic).toHaveLength(140)
    expect(FACES.map(({ id, zh }) => ({ id, zh }))).toEqual(classic)
    for (const { id, zh } of classic) {
      expect(faceById(id)?.zh, `id ${id}`).toBe(zh)
      expect(faceByName(zh)?.id, zh).toBe(id)
    }
  })

  it('gives ids 0–170 but 135 and the other gaps nothing', () => {
    const ids = new Set(classic.map((f) => f.id))
    for (let id = 0; id <= 171; id++) expect(faceById(id) !== undefined, `id ${id}`).toBe(ids.has(id))
    expect(faceById(135)).toBeUndefined()
  })

  it('shows each face as one emoji of its own that reads as the face, never a word sign such as 🆒', () => {
    const segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' })
    const seen = new Map<string, string>()
    for (const f of FACES) {
      expect([...segmenter.segment(f.emoji)], f.zh).toHaveLength(1)
      // 双喜 is the character 囍 itself; every other face is a pictograph.
      if (f.zh !== '双喜') expect(/\p{Extended_Pictographic}/u.test(f.emoji), f.zh).toBe(true)
      // Enclosed alphanumerics (🆒 🆗 🆖 🅾 …) are words in a box, not faces.
      expect(/[\u{1F100}-\u{1F1FF}]/u.test(f.emoji), f.zh).toBe(false)
      expect(seen.get(f.emoji), `${f.zh} shares ${f.emoji}`).toBeUndefined()
      seen.set(f.emoji, f.zh)
      expect(f.en.length, f.zh).toBeGreaterThan(0)
    }
    expect(seen.has(UNKNOWN_FACE.emoji)).toBe(false)
  })

  it('reads as the classic faces look: 酷 is 😎, 强 👍, 大哭 sobs and 流泪 sheds a tear', () => {
    expect(faceByName('酷')?.emoji).toBe('😎')
    expect(faceByName('强')?.emoji).toBe('👍')
    expect(faceByName('弱')?.emoji).toBe('👎')
    expect(faceByName('大哭')?.emoji).toBe('😭')
    expect(faceByName('流泪')?.emoji).toBe('😢')
    expect(faceByName('飞吻')?.emoji).toBe('😘')
  })

  it('finds a face by its emoji, with or without the emoji variation selector', () => {
    for (const f of FACES) expect(faceByEmoji(f.emoji)?.id, f.zh).toBe(f.id)
    expect(faceByEmoji('❤')?.zh).toBe('爱心')
    expect(faceByEmoji('❤️')?.zh).toBe('爱心')
    expect(faceByEmoji('😀')).toBeUndefined()
  })
})

/**
 * The classic QQ face table (§6.8): server id, the Chinese name users type as `[微笑]`, an
 * English name, and an emoji stand-in for display (the original GIFs are Tencent's artwork and
 * not shipped). Order is the official picker's. Pure data: the renderer imports it too.
 * Each emoji is the face's meaning (酷 is 😎, not the 🆒 button), and no two faces share one:
 * the composer shows faces as their emoji and reads them back into face segments, so a pair
 * such as 左/右哼哼 needs two.
 */

export interface FaceInfo {
  id: number
  zh: string
  en: string
  emoji: string
}

const TABLE: ReadonlyArray<readonly [number, string, string, string]> = [
  [14, '微笑', 'Smile', '🙂'],
  [1, '撇嘴', 'Grimace', '😕'],
  [2, '色', 'Drool', '😍'],
  [3, '发呆', 'Blank', '😶'],
  [4, '得意', 'Proud', '😏'],
  [5, '流泪', 'Tears', '😢'],
  [6, '害羞', 'Shy', '😊'],
  [7, '闭嘴', 'Silent', '🤐'],
  [8, '睡', 'Sleep', '😴'],
  [9, '大哭', 'Sob', '😭'],
  [10, '尴尬', 'Awkward', '😬'],
  [11, '发怒', 'Angry', '😡'],
  [12, '调皮', 'Tongue', '😜'],
  [13, '呲牙', 'Grin', '😁'],
  [0, '惊讶', 'Surprise', '😮'],
  [50, '难过', 'Frown', '🙁'],
  [51, '酷', 'Cool', '😎'],
  [96, '冷汗', 'Blush', '😰'],
  [53, '抓狂', 'Scream', '😫'],
  [54, '吐', 'Puke', '🤮'],
  [73, '偷笑', 'Chuckle', '🤭'],
  [74, '可爱', 'Joyful', '🥰'],
  [75, '白眼', 'Slight', '🙄'],
  [76, '傲慢', 'Arrogant', '🤨'],
  [77, '饥饿', 'Hungry', '🤤'],
  [78, '困', 'Drowsy', '😪'],
  [55, '惊恐', 'Panic', '😱'],
  [56, '流汗', 'Sweat', '😓'],
  [57, '憨笑', 'Laugh', '😄'],
  [58, '大兵', 'Commando', '💂'],
  [79, '奋斗', 'Determined', '💪'],
  [80, '咒骂', 'Scold', '🤬'],
  [81, '疑问', 'Puzzled', '🤔'],
  [82, '嘘', 'Shhh', '🤫'],
  [83, '晕', 'Dizzy', '😵'],
  [84, '折磨', 'Tormented', '😣'],
  [85, '衰', 'Toasted', '😞'],
  [86, '骷髅', 'Skull', '💀'],
  [87, '敲打', 'Hammer', '🔨'],
  [88, '再见', 'Wave', '👋'],
  [97, '擦汗', 'Phew', '😅'],
  [98, '抠鼻', 'NosePick', '👃'],
  [99, '鼓掌', 'Clap', '👏'],
  [100, '糗大了', 'Shame', '😳'],
  [101, '坏笑', 'Trick', '😈'],
  [102, '左哼哼', 'BahL', '😤'],
  [103, '右哼哼', 'BahR', '😮‍💨'],
  [104, '哈欠', 'Yawn', '🥱'],
  [105, '鄙视', 'Pooh-pooh', '😒'],
  [106, '委屈', 'Wronged', '😔'],
  [107, '快哭了', 'TearingUp', '🥹'],
  [108, '阴险', 'Sly', '😼'],
  [109, '亲亲', 'Kiss', '😚'],
  [110, '吓', 'Scared', '😨'],
  [111, '可怜', 'Whimper', '🥺'],
  [112, '菜刀', 'Cleaver', '🔪'],
  [32, '西瓜', 'Watermelon', '🍉'],
  [113, '啤酒', 'Beer', '🍺'],
  [114, '篮球', 'Basketball', '🏀'],
  [115, '乒乓', 'PingPong', '🏓'],
  [63, '咖啡', 'Coffee', '☕'],
  [64, '饭', 'Rice', '🍚'],
  [59, '猪头', 'Pig', '🐷'],
  [33, '玫瑰', 'Rose', '🌹'],
  [34, '凋谢', 'Wilt', '🥀'],
  [116, '示爱', 'Lips', '💋'],
  [36, '爱心', 'Heart', '❤️'],
  [37, '心碎', 'BrokenHeart', '💔'],
  [38, '蛋糕', 'Cake', '🎂'],
  [91, '闪电', 'Lightning', '⚡'],
  [92, '炸弹', 'Bomb', '💣'],
  [93, '刀', 'Dagger', '🗡️'],
  [29, '足球', 'Soccer', '⚽'],
  [117, '瓢虫', 'Ladybug', '🐞'],
  [72, '便便', 'Poop', '💩'],
  [45, '月亮', 'Moon', '🌙'],
  [42, '太阳', 'Sun', '☀️'],
  [39, '礼物', 'Gift', '🎁'],
  [62, '拥抱', 'Hug', '🤗'],
  [46, '强', 'ThumbsUp', '👍'],
  [47, '弱', 'ThumbsDown', '👎'],
  [71, '握手', 'Shake', '🤝'],
  [95, '胜利', 'Peace', '✌️'],
  [118, '抱拳', 'Salute', '🫡'],
  [119, '勾引', 'Beckon', '🫴'],
  [120, '拳头', 'Fist', '✊'],
  [121, '差劲', 'Pinky', '🤙'],
  [122, '爱你', 'RockOn', '🤟'],
  [123, 'NO', 'NO', '🙅'],
  [124, 'OK', 'OK', '👌'],
  [27, '爱情', 'InLove', '💑'],
  [21, '飞吻', 'Blowkiss', '😘'],
  [23, '跳跳', 'Waddle', '🕺'],
  [25, '发抖', 'Tremble', '🥶'],
  [26, '怄火', 'Aaagh', '💢'],
  [125, '转圈', 'Twirl', '💫'],
  [126, '磕头', 'Kotow', '🙇'],
  [127, '回头', 'Dramatic', '↩️'],
  [128, '跳绳', 'JumpRope', '🪢'],
  [129, '挥手', 'WaveHand', '🙋'],
  [130, '激动', 'Hooray', '🙌'],
  [131, '街舞', 'Dance', '💃'],
  [132, '献吻', 'Smooch', '😗'],
  [133, '左太极', 'TaiChiL', '☯️'],
  [134, '右太极', 'TaiChiR', '🥋'],
  [136, '双喜', 'DoubleHappiness', '囍'],
  [137, '鞭炮', 'Firecracker', '🧨'],
  [138, '灯笼', 'Lantern', '🏮'],
  [139, '发财', 'Rich', '💰'],
  [140, 'K歌', 'Karaoke', '🎤'],
  [141, '购物', 'Shopping', '🛍️'],
  [142, '邮件', 'Email', '✉️'],
  [143, '帅', 'Handsome', '🤵'],
  [144, '喝彩', 'Cheers', '🎉'],
  [145, '祈祷', 'Pray', '🙏'],
  [146, '爆筋', 'Explode', '💥'],
  [147, '棒棒糖', 'Lollipop', '🍭'],
  [148, '喝奶', 'Milk', '🍼'],
  [149, '下面', 'Noodles', '🍜'],
  [150, '香蕉', 'Banana', '🍌'],
  [151, '飞机', 'Plane', '✈️'],
  [152, '开车', 'Car', '🚗'],
  [153, '左车头', 'LocomotiveL', '🚂'],
  [154, '车厢', 'Carriage', '🚃'],
  [155, '右车头', 'LocomotiveR', '🚆'],
  [156, '多云', 'Cloudy', '⛅'],
  [157, '下雨', 'Rain', '🌧️'],
  [158, '钞票', 'Money', '💵'],
  [159, '熊猫', 'Panda', '🐼'],
  [160, '灯泡', 'Bulb', '💡'],
  [161, '风车', 'Windmill', '🎡'],
  [162, '闹钟', 'Clock', '⏰'],
  [163, '打伞', 'Umbrella', '☂️'],
  [164, '彩球', 'Balloon', '🎈'],
  [165, '钻戒', 'Ring', '💍'],
  [166, '沙发', 'Sofa', '🛋️'],
  [167, '纸巾', 'Tissue', '🧻'],
  [168, '药', 'Pill', '💊'],
  [169, '手枪', 'Pistol', '🔫'],
  [170, '青蛙', 'Frog', '🐸'],
]

export const FACES: readonly FaceInfo[] = TABLE.map(([id, zh, en, emoji]) => ({ id, zh, en, emoji }))

const BY_ID = new Map(FACES.map((f) => [f.id, f]))
const BY_NAME = new Map(FACES.map((f) => [f.zh, f]))
/** Keyed without U+FE0F: ❤ and ❤️ are the same face whichever way a keyboard spells it. */
const BY_EMOJI = new Map(FACES.map((f) => [withoutVariation(f.emoji), f]))

function withoutVariation(emoji: string): string {
  return emoji.replaceAll('\uFE0F', '')
}

export function faceById(id: number): FaceInfo | undefined {
  return BY_ID.get(id)
}

export function faceByName(zh: string): FaceInfo | undefined {
  return BY_NAME.get(zh)
}

/** The face an emoji stands for, with or without its emoji variation selector. */
export function faceByEmoji(emoji: string): FaceInfo | undefined {
  return BY_EMOJI.get(withoutVariation(emoji))
}

/**
 * Shown for ids outside the table (a 2018 note says faces were no longer reliable: "[表情]"); its
 * emoji is none of the table's, so an unknown face never reads as 微笑.
 */
export const UNKNOWN_FACE: FaceInfo = { id: -1, zh: '表情', en: 'Face', emoji: '🫥' }

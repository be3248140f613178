import type { Rng } from './rng'

/** Realistic names for the generated world: Chinese, English and decorated nicknames. */

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤欧阳'
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚英华玉萍红玲芬燕彬鹏辉浩宇轩子涵欣怡梓晨博文雨思佳俊雪琳嘉乐欢晓婷慧颖瑶天一诺安然凯晴阳悦琪睿哲萱'
const ENGLISH = ['Lucky', 'Momo', 'Jason', 'Cici', 'Leo', 'Kiki', 'Amy', 'Tony', 'Vivian', 'Kevin', 'Coco', 'Eric', 'Sunny', 'Jack', 'Lily', 'Mia']
const DECOR = ['☆', '♪', '~', '丶', '°', '✿', '♥', '_', '灬']
const NICK_WORDS = ['奶茶', '星星', '月亮', '夏天', '小猫', '咸鱼', '追风', '清风', '阿狸', '布丁', '橘子', '西瓜', '旅人', '晴天', '微光']
/** Names with characters the service HTML-escaped (§9 item 28). */
const TRICKY = ['Tom & Jerry', '<小怪兽>', '"老王"', "Kelly's", '阿\u00a0杰', 'A&B<>C']

const SIGNATURES = [
  '今天也要加油鸭',
  '人生得意须尽欢',
  '不忘初心，方得始终',
  'Stay hungry, stay foolish.',
  '忙，勿扰',
  '在学习 & 在路上',
  '生活就像一盒巧克力 <3',
  '',
  '',
  '好好吃饭，好好睡觉',
]

export function chineseName(rng: Rng): string {
  const surname = rng.chance(0.03) ? '欧阳' : SURNAMES[rng.int(0, SURNAMES.length - 3)]!
  const n = rng.chance(0.6) ? 2 : 1
  let given = ''
  for (let i = 0; i < n; i++) given += GIVEN[rng.int(0, GIVEN.length - 1)]
  return surname + given
}

export function nickname(rng: Rng): string {
  const r = rng.next()
  if (r < 0.35) return chineseName(rng)
  if (r < 0.5) return (rng.chance(0.5) ? '小' : '阿') + GIVEN[rng.int(0, GIVEN.length - 1)]
  if (r < 0.65) return rng.pick(ENGLISH) + (rng.chance(0.3) ? rng.pick(DECOR) : '')
  if (r < 0.85) return rng.pick(DECOR) + rng.pick(NICK_WORDS) + rng.pick(DECOR)
  if (r < 0.97) return rng.pick(NICK_WORDS) + rng.pick(NICK_WORDS)
  return rng.pick(TRICKY)
}

export function signature(rng: Rng): string {
  return rng.pick(SIGNATURES)
}

const CATEGORY_NAMES = ['同学', '同事', '家人', '朋友', '游戏好友', '驴友', '客户', '大学', '高中', '网友']

export function categoryName(i: number): string {
  return CATEGORY_NAMES[i % CATEGORY_NAMES.length]! + (i >= CATEGORY_NAMES.length ? ` ${Math.floor(i / CATEGORY_NAMES.length) + 1}` : '')
}

const GROUP_NAMES = ['相亲相爱一家人', '2013级计算机1班', '篮球群', '前端技术交流', '公司&朋友', '<测试>群', '考研互助', '摄影爱好者', '王者开黑', '读书会', '租房信息', '宝妈交流群']

export function groupName(rng: Rng, i: number): string {
  const base = GROUP_NAMES[i % GROUP_NAMES.length]!
  return i < GROUP_NAMES.length ? base : `${base}${rng.int(2, 99)}`
}

const CARD_ROLES = ['班长', '产品', '设计', '运营', '组长', '学委', '财务', '老司机']

/** A group card; some are long (the service cut them at 21 bytes on output, §5.5). */
export function groupCard(rng: Rng, name: string): string {
  if (rng.chance(0.15)) return `${rng.pick(CARD_ROLES)}-${name}-${rng.pick(CARD_ROLES)}-常驻深圳南山`
  return rng.chance(0.5) ? `${rng.pick(CARD_ROLES)}-${name}` : `${name}@${rng.pick(['QA', '研发', '市场', '北京', '上海'])}`
}

const REMARKS = ['(同事)', '老同学', '表哥', '健身教练', '房东', '快递小哥', '(大学室友)']

export function markname(rng: Rng, nick: string): string {
  return rng.chance(0.5) ? chineseName(rng) : `${nick}${rng.pick(REMARKS)}`
}

const PLACES: Array<[string, string]> = [
  ['广东', '深圳'],
  ['北京', '海淀'],
  ['上海', '浦东'],
  ['浙江', '杭州'],
  ['四川', '成都'],
  ['湖北', '武汉'],
  ['江苏', '南京'],
  ['', ''],
]

export function place(rng: Rng): { country: string; province: string; city: string } {
  const [province, city] = rng.pick(PLACES)
  return { country: province ? '中国' : '', province, city }
}

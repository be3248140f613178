import { getDiscusList, getGroupNameListMask2, getOnlineBuddies2, getRecentList2, getSelfInfo2, getUserFriends2 } from '../../electron/engine/endpoints/contact-endpoints'
import { checkSig, getvfwebqq, login2, ptqrlogin, ptqrshow } from '../../electron/engine/endpoints/login-endpoints'
import type { HttpClient } from '../../electron/engine/http/client'
import type { Credentials, Endpoint, HttpResponse } from '../../electron/engine/http/endpoint'
import { Logger } from '../../electron/engine/log'
import { openLoginPage } from '../../electron/engine/login/login-page'
import { CLIENT_ID, parseOUin } from '../../electron/smartqq/constants'
import { hash33 } from '../../electron/smartqq/hash'
import { decodeQr, type Phone } from '../support/emulator'
import { since } from './bench'

/** The same endpoint, answering its raw response (the floor keeps the friends answer for its decode costs). */
const raw = <P, R>(ep: Endpoint<P, R>): Endpoint<P, HttpResponse> => ({ ...ep, decode: (res) => res })

/**
 * The requests behind "the lists are ready": the login's tail, the three lists and presence —
 * what a sequential client does before it can show them (issue 13: check_sig, getvfwebqq,
 * login2, get_online_buddies2, friends, groups, discussions). Self info and the recent list
 * come on top for the whole warm-up.
 */
export const LISTS_REQUESTS = ['ptqrlogin', 'check_sig', 'getvfwebqq', 'login2', 'get_user_friends2', 'get_group_name_list_mask2', 'get_discus_list', 'get_online_buddies2']

/** A floor's round trips added up: all of them, or only those named. */
export function floorMs(f: Floor, names: readonly string[] = [...f.times.keys()]): number {
  return names.reduce((sum, n) => sum + (f.times.get(n) ?? NaN), 0)
}

/** One login's requests after the phone's confirm, made one at a time, each timed on its own. */
export interface Floor {
  /** Round trip of each request by endpoint name (the friends list with its decode). */
  times: Map<string, number>
  friendsAnswer: HttpResponse
  uin: string
  cred: Credentials
  /** This process's CPU time (all its threads) from the confirm to the last answer decoded, ms. */
  cpuMs: number
}

/**
 * The sequential floor of a QR login and its warm-up: ptqrlogin, check_sig, getvfwebqq, login2,
 * self info, then friends, groups, discussions, online buddies and the recent list, in the
 * official order (§3.8) but one at a time — what a client that overlaps nothing would take.
 */
export async function sequentialLogin(http: HttpClient, phone: Phone): Promise<Floor> {
  const times = new Map<string, number>()
  const timed = async <P, R>(ep: Endpoint<P, R>, params: P): Promise<R> => {
    const t0 = performance.now()
    const out = await http.call(ep, params)
    times.set(ep.name, since(t0))
    return out
  }
  const loginSig = await openLoginPage(http, new Logger())
  const opened = Date.now()
  const png = await http.call(ptqrshow, undefined)
  const qrsig = (await http.cookie('qrsig', 'https://ssl.ptlogin2.qq.com/'))!
  const code = decodeQr(png)
  await phone.scan(code)
  await phone.confirm(code)
  const cpu0 = process.cpuUsage()
  const answer = await timed(ptqrlogin, { ptqrtoken: hash33(qrsig), loginSig, elapsedMs: Date.now() - opened })
  if (answer.code !== '0') throw new Error(`ptqrlogin answered ${answer.code} after the confirm`)
  await timed(checkSig(answer.url), undefined)
  const ptwebqq = (await http.cookie('ptwebqq', 'http://w.qq.com/')) ?? ''
  const vfwebqq = await timed(getvfwebqq, { ptwebqq })
  const l2 = await timed(login2, { ptwebqq, status: 'online' })
  const cred: Credentials = { uin: l2.uin, ptwebqq, vfwebqq, psessionid: l2.psessionid, clientid: CLIENT_ID }
  if (parseOUin(await http.cookie('uin', 'http://w.qq.com/')) !== l2.uin) throw new Error('login2 answered for another account')
  await timed(getSelfInfo2, undefined)
  const friendsAnswer = await timed(raw(getUserFriends2), { cred })
  // Decoded like every other answer (the raw one is kept for the decode costs), through the
  // endpoint's schema: the engine's warm-up reads it in one pass that maps it too
  // (friends-pass.ts), and its mapping is not counted here.
  const t0 = performance.now()
  getUserFriends2.decode(friendsAnswer)
  times.set(getUserFriends2.name, times.get(getUserFriends2.name)! + since(t0))
  await timed(getGroupNameListMask2, { cred })
  await timed(getDiscusList, { cred })
  await timed(getOnlineBuddies2, { cred })
  await timed(getRecentList2, { cred })
  const cpu = process.cpuUsage(cpu0)
  return { times, friendsAnswer, uin: l2.uin, cred, cpuMs: (cpu.user + cpu.system) / 1000 }
}

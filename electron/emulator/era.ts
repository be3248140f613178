/**
 * Behaviour that changed over the service's life (§8.8). The emulator defaults to the last
 * form (2018); `--era` selects an earlier one for clients written against it.
 */

export const ERA_NAMES = ['2013', '2015', '2016', '2017', '2018'] as const
export type EraName = (typeof ERA_NAMES)[number]

export interface Era {
  name: EraName
  /** Password + captcha login on ssl.ptlogin2 (removed 2015-09-30, §4). */
  passwordLogin: boolean
  /** ptqrlogin requires ptqrtoken=hash33(qrsig), HTTP 403 otherwise (2017-02-09, §3.3). */
  ptqrtokenRequired: boolean
  /** check_sig answers 403 to an empty Referer header (2016-09, §3.5). */
  checkSigRejectsEmptyReferer: boolean
  /** login2 on d.web2.qq.com answers 403 (2015-12-09, §1.1). */
  login2OnlyOnD1: boolean
  /** What an idle poll2 answers after the hold time (§6.1). */
  idlePoll: 'retcode-102' | 'http-504' | 'retcode-100012' | 'retcode-0-error'
  /** poll2 with a non-empty ptwebqq answers {"retcode":0,"retmsg":"ok","errmsg":"error"} (2018-01). */
  pollRejectsPtwebqq: boolean
  /**
   * ptlogin hands out a ptwebqq cookie (64 hex) at login; 2018 handed out an empty one (§2.5,
   * §3.10), which is why the clients of that year sent `""` everywhere without knowing it. An era
   * must accept what it issues: 2018 issues `""` and rejects a non-empty one in poll2.
   */
  issuesPtwebqq: boolean
  /**
   * Where ptqrlogin / login / pt4_auth send the client for check_sig (§3.4, §3.5). The doc's
   * captures name http://ptlogin4.web2.qq.com; client sources of 2017–2018 show
   * http://ptlogin2.web2.qq.com and, by 2018-12, https://ptlogin2.web2.qq.com [M]; the dates of
   * the switches are not pinned down [U].
   */
  checkSigBase: string
  /**
   * The web2 APIs want check_sig's p_skey (web2.qq.com) besides uin + skey (qq.com, §3.5). Not in
   * 2013, whose password login set only the qq.com ones (§4.4; when p_skey began is [U]).
   */
  pSkeyRequired: boolean
  /** The vfwebqq login2 returns is one the APIs take (2013, §4.4); later only getvfwebqq's (§3.6). */
  login2VfwebqqValid: boolean
  /**
   * s.web2.qq.com answers over https (§1.3). Not in 2013 and 2015: seed note 003 (2015) found
   * https only on some APIs, "seemingly those on d.web2", so its https is left unanswered then;
   * when it began is [U] (by the 2016 eras here; the Dec-2016 page still called it over http).
   */
  sWeb2Https: boolean
  /** Success body of send_*_msg2 (§6.4). */
  sendSuccess: 'result-ok' | 'errcode-send-ok'
  /** Own group messages are echoed to the sender's poll (2017-05-24, §6.6). */
  echoOwnGroupMessages: boolean
  /** get_friend_uin2 is gone (2017-04-17, §5.12). */
  friendUin2Closed: boolean
  /** Temporary-session messages are blocked (2016-02, §6.7). */
  tempSessionsBlocked: boolean
  /** Poll items carry msg_id2 / msg_type / reply_ip of the WebQQ era (§6.2). */
  legacyPollFields: boolean
}

const ERA_2013: Era = {
  name: '2013',
  passwordLogin: true,
  ptqrtokenRequired: false,
  checkSigRejectsEmptyReferer: false,
  login2OnlyOnD1: false,
  idlePoll: 'retcode-102',
  pollRejectsPtwebqq: false,
  issuesPtwebqq: true,
  checkSigBase: 'http://ptlogin4.web2.qq.com/check_sig',
  pSkeyRequired: false,
  login2VfwebqqValid: true,
  sWeb2Https: false,
  sendSuccess: 'result-ok',
  echoOwnGroupMessages: false,
  friendUin2Closed: false,
  tempSessionsBlocked: false,
  legacyPollFields: true,
}

// Each later era is the one before it and what changed in between.
const ERA_2015: Era = { ...ERA_2013, name: '2015', passwordLogin: false, login2OnlyOnD1: true, pSkeyRequired: true, login2VfwebqqValid: false, sendSuccess: 'errcode-send-ok', legacyPollFields: false }
const ERA_2016: Era = { ...ERA_2015, name: '2016', checkSigRejectsEmptyReferer: true, tempSessionsBlocked: true, sWeb2Https: true }
const ERA_2017: Era = {
  ...ERA_2016,
  name: '2017',
  ptqrtokenRequired: true,
  idlePoll: 'http-504',
  sendSuccess: 'result-ok',
  echoOwnGroupMessages: true,
  friendUin2Closed: true,
  checkSigBase: 'http://ptlogin2.web2.qq.com/check_sig',
}
const ERA_2018: Era = {
  ...ERA_2017,
  name: '2018',
  idlePoll: 'retcode-100012',
  pollRejectsPtwebqq: true,
  issuesPtwebqq: false,
  checkSigBase: 'https://ptlogin2.web2.qq.com/check_sig',
}

const ERAS: Record<EraName, Era> = { '2013': ERA_2013, '2015': ERA_2015, '2016': ERA_2016, '2017': ERA_2017, '2018': ERA_2018 }

export function era(name: EraName): Era {
  return ERAS[name]
}

export function isEraName(s: unknown): s is EraName {
  return typeof s === 'string' && (ERA_NAMES as readonly string[]).includes(s)
}

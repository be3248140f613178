import type { Route } from '../http/router'
import { SECRET_HEADER } from './access'

/**
 * The simulated phone: a small page on the emulator's own address where a person sees the
 * pending QR codes and scans, confirms or refuses them for an account, writes to the account
 * as any of its contacts — text, faces, a picture (its own file or a bundled sample) — offers it
 * files as a friend and reads what the account sent (Chinese, with English).
 * Plain HTML + script so it needs no build step; it only talks to /control/*, sending the
 * secret it was opened with (`/phone?secret=…`, phone/access.ts) on every call.
 */
export function phonePageRoutes(): Route[] {
  const handler: Route['handler'] = (ctx) => {
    ctx.res.setHeader('Content-Security-Policy', "default-src 'self'; img-src 'self' data: blob:; style-src 'unsafe-inline'; script-src 'unsafe-inline'")
    // The URL holds the secret: no page it links to may learn it.
    ctx.res.setHeader('Referrer-Policy', 'no-referrer')
    ctx.text(PAGE, 'text/html; charset=utf-8')
  }
  // The root `/` is the image server's (web2/pictures.ts), which sends a person without an rkey here.
  return [{ name: 'phone.page', family: 'local', path: '/phone', methods: ['GET'], handler }]
}

const PAGE = /* html */ `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>模拟手机 · SmartQQ 模拟器</title>
<style>
  :root { color-scheme: light dark; --accent: #12b7f5; --bg: #f5f6f7; --card: #fff; --fg: #222; --muted: #888; }
  @media (prefers-color-scheme: dark) { :root { --bg: #1d1f21; --card: #2a2c2f; --fg: #eee; --muted: #aaa; } }
  body { margin: 0; font: 15px/1.5 system-ui, "PingFang SC", "Microsoft YaHei", sans-serif; background: var(--bg); color: var(--fg); }
  .phone { max-width: 420px; margin: 0 auto; min-height: 100vh; display: flex; flex-direction: column; }
  header { background: var(--accent); color: #fff; padding: 12px 16px; display: flex; align-items: center; gap: 8px; }
  header h1 { font-size: 17px; margin: 0; flex: 1; }
  header button { background: rgba(255,255,255,.2); color: #fff; border: 0; border-radius: 4px; padding: 4px 8px; cursor: pointer; }
  main { padding: 12px; display: flex; flex-direction: column; gap: 12px; }
  section { background: var(--card); border-radius: 10px; padding: 12px; box-shadow: 0 1px 2px rgba(0,0,0,.08); }
  h2 { font-size: 14px; margin: 0 0 8px; color: var(--muted); font-weight: 500; }
  select, input, textarea { font: inherit; padding: 6px; border-radius: 6px; border: 1px solid #ccc; background: var(--card); color: var(--fg); width: 100%; box-sizing: border-box; }
  .qr { display: flex; gap: 12px; align-items: center; padding: 8px 0; border-top: 1px solid rgba(128,128,128,.2); }
  .qr:first-of-type { border-top: 0; }
  .qr img { width: 84px; height: 84px; image-rendering: pixelated; background: #fff; border-radius: 4px; }
  .qr .info { flex: 1; min-width: 0; }
  .state { font-weight: 600; }
  .muted { color: var(--muted); font-size: 13px; }
  .actions { display: flex; gap: 6px; margin-top: 6px; flex-wrap: wrap; }
  .actions button { border: 0; border-radius: 6px; padding: 6px 12px; cursor: pointer; font: inherit; }
  .primary { background: var(--accent); color: #fff; }
  .danger { background: #f0f0f0; color: #d33; }
  button:disabled { opacity: .45; cursor: default; }
  .empty { color: var(--muted); text-align: center; padding: 16px 0; }
  .row { display: flex; gap: 6px; margin-bottom: 6px; }
  .row select { flex: 1; min-width: 0; }
  textarea { resize: vertical; }
  .faces { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 6px; }
  .faces button { border: 1px solid rgba(128,128,128,.3); background: transparent; color: var(--fg); border-radius: 4px; padding: 2px 6px; cursor: pointer; font-size: 13px; }
  .sent { padding: 6px 0; border-top: 1px solid rgba(128,128,128,.2); word-break: break-word; }
  .sent:first-child { border-top: 0; }
  .pic { margin-top: 10px; }
  .row input { flex: 1; min-width: 0; }
  .row .unit { flex: 0 0 84px; }
  input[type=file] { padding: 4px; }
  .file { display: flex; gap: 8px; align-items: center; padding: 6px 0; border-top: 1px solid rgba(128,128,128,.2); }
  .file:first-child { border-top: 0; }
  .file .info { flex: 1; min-width: 0; overflow-wrap: anywhere; }
  .file .name { color: var(--fg); font-size: 15px; }
  .file button { border: 0; border-radius: 6px; padding: 4px 10px; cursor: pointer; font: inherit; }
  .toast { position: fixed; bottom: 16px; left: 50%; transform: translateX(-50%); background: rgba(0,0,0,.8); color: #fff; padding: 8px 14px; border-radius: 6px; display: none; }
</style>
</head>
<body>
<div class="phone">
  <header>
    <h1 data-t="title">模拟手机</h1>
    <button id="lang" type="button">English</button>
  </header>
  <main>
    <section>
      <h2 data-t="account">本机登录的帐号</h2>
      <select id="account" aria-label="account"></select>
    </section>
    <section>
      <h2 data-t="pending">等待扫描的二维码</h2>
      <div id="codes"></div>
    </section>
    <section>
      <h2 data-t="paste">扫描二维码内容（粘贴）</h2>
      <input id="payload" placeholder="https://txz.qq.com/p?k=…">
      <div class="actions"><button class="primary" id="scanPayload" data-t="scan">扫描</button></div>
    </section>
    <section>
      <h2 data-t="online">在线的会话</h2>
      <div id="online" class="muted"></div>
    </section>
    <section>
      <h2 data-t="asContact">以联系人身份发消息</h2>
      <div class="row">
        <select id="convKind" aria-label="kind">
          <option value="friend" data-t="kindFriend">好友</option>
          <option value="group" data-t="kindGroup">群</option>
          <option value="discussion" data-t="kindDiscussion">讨论组</option>
          <option value="session" data-t="kindSession">群临时会话</option>
        </select>
        <select id="convTarget" aria-label="target"></select>
      </div>
      <div class="row"><select id="convMember" aria-label="member"></select></div>
      <textarea id="msgText" rows="2" aria-label="message"></textarea>
      <div class="faces" id="faces"></div>
      <div class="actions"><button class="primary" id="sendMsg" data-t="send">发送</button></div>
      <div class="row pic">
        <select id="picSample" aria-label="sample picture">
          <option value="" data-t="ownPicture">自己选图片…</option>
          <option value="landscape" data-t="sampleLandscape">示例：风景</option>
          <option value="cat" data-t="sampleCat">示例：小猫</option>
          <option value="chart" data-t="sampleChart">示例：图表</option>
        </select>
      </div>
      <div class="row"><input id="picFile" type="file" accept="image/png,image/jpeg,image/gif" aria-label="picture file"></div>
      <div class="actions"><button class="primary" id="sendPic" type="button" data-t="sendPicture">发送图片</button></div>
    </section>
    <section>
      <h2 data-t="filesTitle">以好友身份发文件</h2>
      <div class="row"><select id="fileFrom" aria-label="file sender"></select></div>
      <div class="row"><input id="fileName" aria-label="file name" value="季度报告.pdf"></div>
      <div class="row">
        <input id="fileSize" type="number" min="0" step="any" value="100" aria-label="file size">
        <select id="fileUnit" class="unit" aria-label="size unit"><option value="1024">KB</option><option value="1048576">MB</option><option value="1073741824">GB</option></select>
      </div>
      <div class="actions"><button class="primary" id="offerFile" type="button" data-t="offerFile">发送文件</button></div>
      <div id="files" class="muted"></div>
    </section>
    <section>
      <h2 data-t="sentTitle">本帐号最近发出的消息</h2>
      <div id="sent" class="muted"></div>
    </section>
  </main>
</div>
<div class="toast" id="toast" role="status"></div>
<script>
const TEXT = {
  zh: { title: '模拟手机', account: '本机登录的帐号', pending: '等待扫描的二维码', paste: '扫描二维码内容（粘贴）',
        online: '在线的会话', scan: '扫描', confirm: '确认登录', refuse: '拒绝', none: '没有等待扫描的二维码',
        waiting: '等待扫描', scanned: '已扫描，等待确认', confirmed: '已确认', refused: '已拒绝', used: '已登录', expired: '已失效',
        left: '剩余', sec: '秒', nobody: '没有在线的会话', lang: 'English', done: '完成', failed: '失败',
        asContact: '以联系人身份发消息', kindFriend: '好友', kindGroup: '群', kindDiscussion: '讨论组', kindSession: '群临时会话',
        send: '发送', sentTitle: '本帐号最近发出的消息', noneSent: '还没有发出的消息', placeholder: '输入消息，点表情插入',
        friend: '好友', group: '群', discussion: '讨论组', session: '临时会话', member: '成员', empty: '消息是空的',
        ownPicture: '自己选图片…', sampleLandscape: '示例：风景', sampleCat: '示例：小猫', sampleChart: '示例：图表', sendPicture: '发送图片',
        noPicture: '先选一张图片或一个示例', filesTitle: '以好友身份发文件', offerFile: '发送文件', noFiles: '还没有发出的文件', cancelFile: '取消',
        offered: '等待接收', accepted: '正在接收', refused_file: '对方已拒绝', cancelled: '已取消', expired_file: '已过期', done_file: '已接收', sentBytes: '已发送' },
  en: { title: 'Simulated phone', account: 'Account on this phone', pending: 'QR codes waiting for a scan', paste: 'Scan QR text (paste)',
        online: 'Online sessions', scan: 'Scan', confirm: 'Confirm login', refuse: 'Refuse', none: 'No QR code is waiting',
        waiting: 'waiting for scan', scanned: 'scanned, waiting for confirmation', confirmed: 'confirmed', refused: 'refused', used: 'logged in', expired: 'expired',
        left: '', sec: 's left', nobody: 'No session is online', lang: '中文', done: 'Done', failed: 'Failed',
        asContact: 'Send as a contact', kindFriend: 'Friend', kindGroup: 'Group', kindDiscussion: 'Discussion', kindSession: 'Group temporary session',
        send: 'Send', sentTitle: 'Latest messages this account sent', noneSent: 'Nothing sent yet', placeholder: 'Type a message; click a face to insert it',
        friend: 'friend', group: 'group', discussion: 'discussion', session: 'temporary session', member: 'Member', empty: 'The message is empty',
        ownPicture: 'Choose a picture…', sampleLandscape: 'Sample: landscape', sampleCat: 'Sample: cat', sampleChart: 'Sample: chart', sendPicture: 'Send picture',
        noPicture: 'Choose a picture or a sample first', filesTitle: 'Send a file as a friend', offerFile: 'Send file', noFiles: 'No file sent yet', cancelFile: 'Cancel',
        offered: 'waiting', accepted: 'receiving', refused_file: 'refused', cancelled: 'cancelled', expired_file: 'expired', done_file: 'received', sentBytes: 'sent' },
};
let lang = localStorage.getItem('phone.lang') || 'zh';
const t = (k) => TEXT[lang][k] || k;
const $ = (id) => document.getElementById(id);
function applyLang() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll('[data-t]').forEach((el) => { el.textContent = t(el.dataset.t); });
  $('lang').textContent = t('lang');
  $('msgText').placeholder = t('placeholder');
  renderFaces();
}
function toast(msg) { const el = $('toast'); el.textContent = msg; el.style.display = 'block'; clearTimeout(toast.t); toast.t = setTimeout(() => { el.style.display = 'none'; }, 1800); }
const SECRET = new URLSearchParams(location.search).get('secret') || '';
/** Every control API call carries this run's secret (the page was opened with it). */
function api(path, init) {
  return fetch(path, { ...init, headers: { ...(init && init.headers), '${SECRET_HEADER}': SECRET } });
}
async function post(path, body) {
  const res = await api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  toast(res.ok ? t('done') : t('failed') + ': ' + (data.error || res.status));
  refresh();
  return res.ok;
}
function el(tag, props, ...children) { const e = document.createElement(tag); Object.assign(e, props || {}); e.append(...children); return e; }
let state = { accounts: [], qr: [], online: [] };
function render() {
  keepChoice($('account'), state.accounts.map((a) => el('option', { value: a.qq, textContent: a.nick + ' (' + a.qq + ')' })));
  const codes = $('codes');
  if (!state.qr.length) { codes.replaceChildren(el('div', { className: 'empty', textContent: t('none') })); }
  else codes.replaceChildren(...state.qr.map((q) => {
    const left = Math.max(0, Math.round((q.expiresAt - Date.now()) / 1000));
    const scan = el('button', { className: 'primary', textContent: t('scan'), disabled: q.state !== 'waiting', onclick: () => post('/control/qr/scan', { code: q.key, qq: $('account').value }) });
    const confirm = el('button', { className: 'primary', textContent: t('confirm'), disabled: q.state !== 'scanned', onclick: () => post('/control/qr/confirm', { code: q.key }) });
    const refuse = el('button', { className: 'danger', textContent: t('refuse'), onclick: () => post('/control/qr/refuse', { code: q.key }) });
    return el('div', { className: 'qr' },
      el('img', { src: qrImage(q.key), alt: 'QR' }),
      el('div', { className: 'info' },
        el('div', { className: 'state', textContent: t(q.state) }),
        el('div', { className: 'muted', textContent: t('left') + ' ' + left + ' ' + t('sec') }),
        el('div', { className: 'actions' }, scan, confirm, refuse)));
  }));
  $('online').textContent = state.online.length ? state.online.map((o) => o.qq + ' · ' + o.status).join('\\n') : t('nobody');
}
/** QR images as blob: URLs (an <img src> could not send the secret), fetched once per code. */
const qrImages = new Map();
function qrImage(key) {
  if (!qrImages.has(key)) {
    qrImages.set(key, '');
    api('/control/qr/image?code=' + encodeURIComponent(key)).then((r) => r.ok ? r.blob() : Promise.reject(r.status))
      .then((b) => { qrImages.set(key, URL.createObjectURL(b)); render(); }, () => qrImages.delete(key));
  }
  return qrImages.get(key);
}
function forgetQrImages() {
  for (const [key, url] of qrImages) if (url && !state.qr.some((q) => q.key === key)) { URL.revokeObjectURL(url); qrImages.delete(key); }
}
async function refresh() {
  try { const res = await api('/control/state'); state = await res.json(); forgetQrImages(); render(); } catch { /* emulator stopped */ }
}
// Faces by server id with their names (§6.8); typed as [name] in the text.
const FACES = [[14, '微笑', 'smile'], [13, '呲牙', 'grin'], [73, '偷笑', 'snicker'], [74, '可爱', 'cute'], [12, '调皮', 'naughty'],
  [5, '流泪', 'tears'], [6, '害羞', 'shy'], [0, '惊讶', 'surprised'], [88, '再见', 'bye'], [46, '强', 'thumbs up'],
  [71, '握手', 'handshake'], [95, '胜利', 'victory'], [124, 'OK', 'OK'], [33, '玫瑰', 'rose'], [36, '爱心', 'heart']];
const FACE_BY_NAME = new Map(FACES.map(([id, zh]) => [zh, id]));
const FACE_NAME = new Map(FACES.map(([id, zh]) => [id, zh]));
function renderFaces() {
  $('faces').replaceChildren(...FACES.map(([, zh, en]) => el('button', { type: 'button', textContent: zh, title: lang === 'zh' ? zh : en, onclick: () => insertFace(zh) })));
}
function insertFace(name) {
  const box = $('msgText'); const at = box.selectionStart ?? box.value.length;
  box.value = box.value.slice(0, at) + '[' + name + ']' + box.value.slice(box.selectionEnd ?? at);
  box.focus(); box.selectionStart = box.selectionEnd = at + name.length + 2;
}
/** Text with [name] faces → the control API's content: strings and { face }. */
function toContent(text) {
  const out = [];
  for (const part of text.split(/(\\[[^\\]]+\\])/)) {
    const id = FACE_BY_NAME.get(part.slice(1, -1));
    if (part.startsWith('[') && id !== undefined) out.push({ face: id });
    else if (part) out.push(part);
  }
  return out;
}
let contacts = { friends: [], groups: [], discussions: [] };
let contactsOwner = '';
const nickOf = (qq) => { const f = contacts.friends.find((x) => x.qq === qq); return f ? (f.markname || f.nick) : ''; };
function option(value, label) { return el('option', { value, textContent: label }); }
/** Replaces a select's options, keeping the chosen value when it is still offered (else the first). */
function keepChoice(sel, options) {
  const chosen = sel.value; sel.replaceChildren(...options);
  sel.value = options.some((o) => o.value === chosen) ? chosen : (options[0] ? options[0].value : '');
}
function renderComposer() {
  const kind = $('convKind').value; const owner = $('account').value;
  const rooms = kind === 'discussion' ? contacts.discussions.map((d) => ({ id: d.id, name: d.name, members: d.members }))
    : contacts.groups.map((g) => ({ id: g.number, name: g.name, members: g.members.map((m) => m.qq), cards: g.members }));
  keepChoice($('convTarget'), kind === 'friend'
    ? contacts.friends.map((f) => option(f.qq, (f.markname || f.nick) + ' (' + f.qq + ')'))
    : rooms.map((r) => option(r.id, r.name + ' (' + r.id + ')')));
  const room = rooms.find((r) => r.id === $('convTarget').value);
  $('convMember').parentElement.style.display = kind === 'friend' ? 'none' : '';
  keepChoice($('convMember'), room ? room.members.filter((qq) => qq !== owner).map((qq) => {
    const card = (room.cards || []).find((m) => m.qq === qq)?.card;
    return option(qq, t('member') + ': ' + (card || nickOf(qq) || qq) + ' (' + qq + ')');
  }) : []);
  keepChoice($('fileFrom'), contacts.friends.map((f) => option(f.qq, (f.markname || f.nick) + ' (' + f.qq + ')')));
}
/** Who the composer writes as, to which conversation: the control API's send body without content. */
function conversationBody() {
  const kind = $('convKind').value;
  return kind === 'friend' ? { owner: $('account').value, kind, from: $('convTarget').value }
    : { owner: $('account').value, kind, target: $('convTarget').value, from: $('convMember').value };
}
function readBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}
const FILE_STATE = { offered: 'offered', accepted: 'accepted', refused: 'refused_file', cancelled: 'cancelled', expired: 'expired_file', done: 'done_file' };
function size(n) { return n >= 1073741824 ? (n / 1073741824).toFixed(1) + ' GB' : n >= 1048576 ? (n / 1048576).toFixed(1) + ' MB' : n >= 1024 ? (n / 1024).toFixed(1) + ' KB' : n + ' B'; }
async function loadFiles() {
  const owner = $('account').value; if (!owner) return;
  try {
    const res = await api('/control/files?owner=' + encodeURIComponent(owner)); if (!res.ok) return;
    const list = (await res.json()).slice(-10).reverse();
    $('files').replaceChildren(...(list.length ? list.map((f) => {
      const live = f.state === 'offered' || f.state === 'accepted';
      const cancel = el('button', { className: 'danger', type: 'button', textContent: t('cancelFile'), onclick: () => post('/control/files/cancel', { owner, lcid: f.lcid }) });
      return el('div', { className: 'file' },
        el('div', { className: 'info' },
          el('div', { className: 'name', textContent: f.name }),
          el('div', { className: 'muted', textContent: (nickOf(f.from) || f.from) + ' · ' + size(f.size) + ' · ' + t(FILE_STATE[f.state]) + (f.bytesSent ? ' · ' + t('sentBytes') + ' ' + size(f.bytesSent) : '') })),
        ...(live ? [cancel] : []));
    }) : [el('div', { className: 'empty', textContent: t('noFiles') })]));
  } catch { /* emulator stopped */ }
}
async function loadContacts() {
  const owner = $('account').value; if (!owner) return;
  try { const res = await api('/control/contacts?owner=' + encodeURIComponent(owner)); if (res.ok) { contacts = await res.json(); contactsOwner = owner; renderComposer(); } } catch { /* emulator stopped */ }
}
function describe(segments) {
  return segments.map((s) => typeof s === 'string' ? s : s[0] === 'face' ? '[' + (FACE_NAME.get(s[1]) || '表情') + ']' : '[图片]').join('');
}
function targetName(m) {
  if (m.kind === 'group') return contacts.groups.find((g) => g.number === m.to)?.name || m.to;
  if (m.kind === 'discussion') return contacts.discussions.find((d) => d.id === m.to)?.name || m.to;
  return nickOf(m.to) || m.to;
}
async function loadSent() {
  const owner = $('account').value; if (!owner) return;
  try {
    const res = await api('/control/messages?owner=' + encodeURIComponent(owner) + '&limit=10'); if (!res.ok) return;
    const list = await res.json();
    $('sent').replaceChildren(...(list.length ? list.slice().reverse().map((m) => el('div', { className: 'sent' },
      el('div', { className: 'muted', textContent: new Date(m.time).toLocaleTimeString() + ' · ' + t(m.kind) + ' → ' + targetName(m) }),
      el('div', { textContent: describe(m.segments) }))) : [el('div', { className: 'empty', textContent: t('noneSent') })]));
  } catch { /* emulator stopped */ }
}
$('sendMsg').onclick = async () => {
  const content = toContent($('msgText').value);
  if (!content.length) return toast(t('empty'));
  if (await post('/control/messages/send', { ...conversationBody(), content })) $('msgText').value = '';
};
$('sendPic').onclick = async () => {
  const file = $('picFile').files[0]; const sample = $('picSample').value;
  if (!file && !sample) return toast(t('noPicture'));
  const image = file ? { data: await readBase64(file), name: file.name } : { sample };
  if (await post('/control/messages/send', { ...conversationBody(), content: [{ image }] })) $('picFile').value = '';
};
$('offerFile').onclick = async () => {
  const bytes = Math.round(Number($('fileSize').value) * Number($('fileUnit').value));
  await post('/control/files/offer', { owner: $('account').value, from: $('fileFrom').value, name: $('fileName').value, size: bytes });
  loadFiles();
};
$('convKind').onchange = renderComposer;
$('convTarget').onchange = renderComposer;
$('account').onchange = () => { loadContacts(); loadSent(); loadFiles(); };
$('lang').onclick = () => { lang = lang === 'zh' ? 'en' : 'zh'; localStorage.setItem('phone.lang', lang); applyLang(); render(); renderComposer(); loadSent(); loadFiles(); };
$('scanPayload').onclick = () => post('/control/qr/scan', { code: $('payload').value, qq: $('account').value });
applyLang();
refresh().then(loadContacts);
setInterval(() => { refresh(); loadSent(); loadFiles(); if ($('account').value !== contactsOwner) loadContacts(); }, 1000);
setInterval(loadContacts, 15000);
</script>
</body>
</html>`

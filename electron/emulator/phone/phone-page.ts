import type { Route } from '../http/router'

/**
 * The simulated phone: a small page on the emulator's own address where a person sees the
 * pending QR codes and scans, confirms or refuses them for an account (Chinese, with English).
 * Plain HTML + script so it needs no build step; it only talks to /control/*.
 */
export function phonePageRoutes(): Route[] {
  const handler: Route['handler'] = (ctx) => {
    ctx.res.setHeader('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'")
    ctx.text(PAGE, 'text/html; charset=utf-8')
  }
  return [
    { name: 'phone.page', family: 'local', path: '/phone', methods: ['GET'], handler },
    { name: 'phone.root', family: 'local', path: '/', methods: ['GET'], handler: (ctx) => ctx.redirect('/phone') },
  ]
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
  select, input { font: inherit; padding: 6px; border-radius: 6px; border: 1px solid #ccc; background: var(--card); color: var(--fg); width: 100%; box-sizing: border-box; }
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
  </main>
</div>
<div class="toast" id="toast" role="status"></div>
<script>
const TEXT = {
  zh: { title: '模拟手机', account: '本机登录的帐号', pending: '等待扫描的二维码', paste: '扫描二维码内容（粘贴）',
        online: '在线的会话', scan: '扫描', confirm: '确认登录', refuse: '拒绝', none: '没有等待扫描的二维码',
        waiting: '等待扫描', scanned: '已扫描，等待确认', confirmed: '已确认', refused: '已拒绝', used: '已登录', expired: '已失效',
        left: '剩余', sec: '秒', nobody: '没有在线的会话', lang: 'English', done: '完成', failed: '失败' },
  en: { title: 'Simulated phone', account: 'Account on this phone', pending: 'QR codes waiting for a scan', paste: 'Scan QR text (paste)',
        online: 'Online sessions', scan: 'Scan', confirm: 'Confirm login', refuse: 'Refuse', none: 'No QR code is waiting',
        waiting: 'waiting for scan', scanned: 'scanned, waiting for confirmation', confirmed: 'confirmed', refused: 'refused', used: 'logged in', expired: 'expired',
        left: '', sec: 's left', nobody: 'No session is online', lang: '中文', done: 'Done', failed: 'Failed' },
};
let lang = localStorage.getItem('phone.lang') || 'zh';
const t = (k) => TEXT[lang][k] || k;
const $ = (id) => document.getElementById(id);
function applyLang() {
  document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  document.querySelectorAll('[data-t]').forEach((el) => { el.textContent = t(el.dataset.t); });
  $('lang').textContent = t('lang');
}
function toast(msg) { const el = $('toast'); el.textContent = msg; el.style.display = 'block'; clearTimeout(toast.t); toast.t = setTimeout(() => { el.style.display = 'none'; }, 1800); }
async function post(path, body) {
  const res = await fetch(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json().catch(() => ({}));
  toast(res.ok ? t('done') : t('failed') + ': ' + (data.error || res.status));
  refresh();
}
function el(tag, props, ...children) { const e = document.createElement(tag); Object.assign(e, props || {}); e.append(...children); return e; }
let state = { accounts: [], qr: [], online: [] };
function render() {
  const sel = $('account'); const chosen = sel.value;
  sel.replaceChildren(...state.accounts.map((a) => el('option', { value: a.qq, textContent: a.nick + ' (' + a.qq + ')' })));
  if (chosen) sel.value = chosen;
  const codes = $('codes');
  if (!state.qr.length) { codes.replaceChildren(el('div', { className: 'empty', textContent: t('none') })); }
  else codes.replaceChildren(...state.qr.map((q) => {
    const left = Math.max(0, Math.round((q.expiresAt - Date.now()) / 1000));
    const scan = el('button', { className: 'primary', textContent: t('scan'), disabled: q.state !== 'waiting', onclick: () => post('/control/qr/scan', { code: q.key, qq: $('account').value }) });
    const confirm = el('button', { className: 'primary', textContent: t('confirm'), disabled: q.state !== 'scanned', onclick: () => post('/control/qr/confirm', { code: q.key }) });
    const refuse = el('button', { className: 'danger', textContent: t('refuse'), onclick: () => post('/control/qr/refuse', { code: q.key }) });
    return el('div', { className: 'qr' },
      el('img', { src: '/control/qr/image?code=' + encodeURIComponent(q.key), alt: 'QR' }),
      el('div', { className: 'info' },
        el('div', { className: 'state', textContent: t(q.state) }),
        el('div', { className: 'muted', textContent: t('left') + ' ' + left + ' ' + t('sec') }),
        el('div', { className: 'actions' }, scan, confirm, refuse)));
  }));
  $('online').textContent = state.online.length ? state.online.map((o) => o.qq + ' · ' + o.status).join('\\n') : t('nobody');
}
async function refresh() {
  try { const res = await fetch('/control/state'); state = await res.json(); render(); } catch { /* emulator stopped */ }
}
$('lang').onclick = () => { lang = lang === 'zh' ? 'en' : 'zh'; localStorage.setItem('phone.lang', lang); applyLang(); render(); };
$('scanPayload').onclick = () => post('/control/qr/scan', { code: $('payload').value, qq: $('account').value });
applyLang(); refresh(); setInterval(refresh, 1000);
</script>
</body>
</html>`

// First: opens web mode's socket while the rest evaluates.
import './bridge/open-early'
import { createPinia } from 'pinia'
import { createApp } from 'vue'
import App from './App.vue'
import { startSync } from './app/sync'
import { chooseBridge, setBridge } from './bridge'
import { routeOf } from './composables/hash-route'
import { createAppI18n } from './i18n'
import './styles/theme.css'
import './styles/base.css'

// zod probes `new Function` to speed up parsing; the CSP forbids eval, and the probe would
// log a violation on every start. Parse without it: set in zod's global config object (the one
// z.config writes, which zod takes from globalThis when it loads), so that this module need not
// load zod itself, and zod can stay out of the page's first chunk (issue 13).
;((globalThis as { __zod_globalConfig?: { jitless?: boolean } }).__zod_globalConfig ??= {}).jitless = true
setBridge(chooseBridge(window))

const app = createApp(App)
app.use(createPinia())
app.use(createAppI18n())
startSync({ chats: routeOf(location.hash) !== 'login' })
// A task later: a socket that opened while the bundle evaluated (bridge/early-socket.ts) is heard
// first, so the first commands (session.get, …) go out before the first mount, whose work then
// overlaps their answers instead of delaying them.
setTimeout(() => app.mount('#app'))

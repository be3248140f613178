import type { LoginView, SessionView } from './views'

/**
 * What a window that follows the session shows once the engine says: the main view for a session
 * there or a saved one being restored, else a login. Undefined while the engine is still starting
 * and no login has begun. The renderer fetches that view's script ahead of need with it (App.vue),
 * and web mode's host tells a page opening now (electron/web/server.ts).
 */
export function firstView(login: LoginView['kind'], session: SessionView['kind']): 'main' | 'login' | undefined {
  if (login === 'idle' && session === 'connecting') return undefined
  return login === 'restoring' || (session !== 'logged-out' && session !== 'connecting') ? 'main' : 'login'
}

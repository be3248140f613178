import type { LoginState } from '../engine/login/login-flow'
import type { LoginView } from '../model/views'

/** A picture the login window shows, as the data: URL an <img> takes. */
function dataUrl(picture: Buffer): string {
  return `data:image/png;base64,${picture.toString('base64')}`
}

/** The engine's login state as the model's LoginView: the QR code and the captcha as data: URLs. */
export function loginView(state: LoginState): LoginView {
  switch (state.kind) {
    case 'qr':
      return { kind: 'qr', image: dataUrl(state.png), expiresAt: state.expiresAt, refreshes: state.refreshes }
    case 'scanned':
      return { kind: 'scanned', image: dataUrl(state.png), expiresAt: state.expiresAt }
    case 'captcha':
      return { kind: 'captcha', image: dataUrl(state.image) }
    default:
      return state
  }
}

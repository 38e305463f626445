import type { App } from '../ports/account-store.js'

/**
 * Whether a browser page on `origin` may open a socket for the app. An
 * empty allow-list admits every origin, which is what a development app
 * wants; production apps list their sites. Non-browser clients send no
 * Origin and are admitted: a token still decides who they are.
 */
export function originAllowed(app: App, origin: string | undefined): boolean {
  if (origin === undefined || app.allowedOrigins.length === 0) return true
  return app.allowedOrigins.includes(origin)
}

import { randomBytes } from 'node:crypto'
import { SignJWT } from 'jose'
import type { App } from '../ports/account-store.js'

export interface TokenClaims {
  user: string
  name?: string | null
  guest?: boolean
  /** Lifetime in seconds. */
  ttlSeconds: number
}

/**
 * Signs an HS256 user token with the app secret: what a site's backend
 * does, offered here for the CLI, tests and guest sessions.
 */
export async function mintToken(
  app: App,
  claims: TokenClaims,
): Promise<string> {
  // One clock reading for both claims, so exp - iat is exactly the TTL
  // even when a second ticks over between them.
  const now = Math.floor(Date.now() / 1000)
  const jwt = new SignJWT({
    ...(claims.name ? { name: claims.name } : {}),
    ...(claims.guest ? { guest: true } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.user)
    .setAudience(app.id)
    .setIssuedAt(now)
    .setExpirationTime(now + claims.ttlSeconds)

  return jwt.sign(new TextEncoder().encode(app.secret))
}

/** A fresh id for a guest, unguessable so guests cannot impersonate. */
export function guestUserId(): string {
  return `guest-${randomBytes(9).toString('base64url')}`
}

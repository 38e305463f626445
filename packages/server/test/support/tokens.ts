import { SignJWT } from 'jose'

export interface TokenOptions {
  name?: string
  /** Seconds from now; negative for an expired token. @default 3600 */
  expiresIn?: number
  notBefore?: number
  audience?: string
  guest?: boolean
}

/** An HS256 user token, signed as a site's backend would sign it. */
export function userToken(
  app: { id: string; secret: string },
  user: string,
  options: TokenOptions = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000)
  const jwt = new SignJWT({
    ...(options.name ? { name: options.name } : {}),
    ...(options.guest ? { guest: true } : {}),
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(user)
    .setAudience(options.audience ?? app.id)
    .setIssuedAt(now)
    .setExpirationTime(now + (options.expiresIn ?? 3600))
  if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore)
  return jwt.sign(new TextEncoder().encode(app.secret))
}

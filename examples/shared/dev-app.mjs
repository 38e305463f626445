// What a site's backend does for Algochat, reduced to the local dev app:
// read the app secret that `npm start` wrote, and sign user tokens with it.
import { createHmac } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const repoRoot = fileURLToPath(new URL('../../', import.meta.url))

/** The chat server the examples talk to. */
export const chatServer = process.env.ALGOCHAT_URL ?? 'http://localhost:8080'

/** `{ id, secret }` of the dev app, from the server's data directory. */
export function devApp() {
  const dataDir = process.env.ALGOCHAT_DATA ?? `${repoRoot}.algochat`
  try {
    return JSON.parse(readFileSync(`${dataDir}/dev-app.json`, 'utf8'))
  } catch {
    throw new Error(
      `No dev app in ${dataDir}: start the server first with \`npm start\` ` +
        'from the repository root (or set ALGOCHAT_DATA to its data directory).',
    )
  }
}

/**
 * A user token: a JWT signed with the app secret (HS256). In production
 * your backend does this for the user it has already signed in.
 */
export function signToken(app, user, name = user, ttlSeconds = 3600) {
  const now = Math.floor(Date.now() / 1000)
  const part = (value) =>
    Buffer.from(JSON.stringify(value)).toString('base64url')
  const body = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({
    sub: user,
    aud: app.id,
    name,
    iat: now,
    exp: now + ttlSeconds,
  })}`
  const signature = createHmac('sha256', app.secret)
    .update(body)
    .digest('base64url')
  return `${body}.${signature}`
}

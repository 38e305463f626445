import type { TokenSource } from '@algochat/client'
import type { EmbedOptions } from './embed-options.js'

interface GuestSession {
  token: string
  /** Epoch ms. */
  expiresAt: number
}

// A cached guest token is replaced this long before it expires: more
// than the SDK's own refresh margin, so its refresh gets a fresh one.
const marginMs = 120_000

/**
 * Where the widget's tokens come from: a token given directly, the site's
 * token endpoint, or a guest session kept in localStorage so a visitor
 * stays the same guest across pages and reloads.
 */
export function tokenSource(
  options: EmbedOptions,
  server: string,
): TokenSource {
  if (options.token) return options.token
  if (options.tokenUrl) {
    const url = options.tokenUrl
    return () => fetchToken(url)
  }
  if (options.guest) return () => guestToken(server, options)
  throw new Error('Algochat: set data-token-url, or data-guest for guests')
}

async function fetchToken(url: string): Promise<string> {
  const response = await fetch(url, { credentials: 'include' })
  if (!response.ok)
    throw new Error(`token endpoint answered ${response.status}`)
  const { token } = (await response.json()) as { token?: unknown }
  if (typeof token !== 'string') throw new Error('token endpoint sent no token')
  return token
}

async function guestToken(
  server: string,
  { app, guestName }: EmbedOptions,
): Promise<string> {
  const key = `algochat:${app}:guest`
  const saved = read(key)
  if (saved && saved.expiresAt - Date.now() > marginMs) return saved.token

  const response = await fetch(
    `${server}/v1/apps/${encodeURIComponent(app)}/guests`,
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(guestName ? { name: guestName } : {}),
    },
  )
  if (!response.ok)
    throw new Error(`guest session refused (${response.status})`)
  const body = (await response.json()) as { token: string; expiresIn: number }
  const session = {
    token: body.token,
    expiresAt: Date.now() + body.expiresIn * 1000,
  }
  try {
    localStorage.setItem(key, JSON.stringify(session))
  } catch {
    // Storage may be full or blocked; the session then lasts one page.
  }
  return session.token
}

function read(key: string): GuestSession | undefined {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(key) ?? 'null')
    const session = value as Partial<GuestSession> | null
    if (
      typeof session?.token === 'string' &&
      typeof session.expiresAt === 'number'
    ) {
      return { token: session.token, expiresAt: session.expiresAt }
    }
  } catch {
    // Blocked or corrupt storage: start a new session.
  }
  return undefined
}

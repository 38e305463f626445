import type { TokenSource } from '../options.js'

export async function resolveToken(source: TokenSource): Promise<string> {
  return typeof source === 'function' ? source() : source
}

// setTimeout fires at once for delays beyond a signed 32-bit int.
const maxTimerMs = 2 ** 31 - 1

/**
 * When to fetch a fresh token, given the seconds left on the current one:
 * a minute early for long-lived tokens, at 80 % of the lifetime for short
 * ones, so a slow token endpoint still answers in time.
 */
export function refreshDelay(expiresInSeconds: number): number {
  const lifetimeMs = expiresInSeconds * 1000
  const earlyMs = Math.min(60_000, lifetimeMs / 5)
  return Math.min(maxTimerMs, Math.max(0, lifetimeMs - earlyMs))
}

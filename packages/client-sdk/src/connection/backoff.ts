/**
 * Delay before reconnect attempt `attempt` (0 for the first), with full
 * jitter: uniform between 0 and `min(maxMs, baseMs * 2^attempt)`. Spreading
 * the whole range keeps thousands of clients from returning in one wave
 * after a server restart.
 */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  return Math.floor(random() * Math.min(maxMs, baseMs * 2 ** attempt))
}

import type { DriverClient } from '../drivers/driver.js'
import { sleep } from '../util/sleep.js'

export interface ChurnOptions {
  /** How long clients keep leaving and coming back. */
  seconds: number
  /** Share of all clients cut per second, e.g. 0.05 for 5%. */
  sharePerSecond: number
  /** How long a cut client stays away before reconnecting. */
  awayMs: number
}

export interface ChurnResult {
  /** Connections cut and brought back during the phase. */
  cycles: number
  /** Reconnects that failed; those clients stay away. */
  failed: number
}

/** Churn ticks: often enough that cuts spread evenly over each second. */
const tickMs = 100

/**
 * Steady churn under traffic: every tick a few connected clients lose
 * their connection without a close handshake, as a phone changing
 * networks would, and each comes back `awayMs` later through
 * `reconnect`, which resumes its rooms. The phase ends once every
 * client it cut is back or has failed.
 */
export async function runChurn(
  live: readonly (DriverClient | undefined)[],
  reconnect: (index: number) => Promise<void>,
  options: ChurnOptions,
): Promise<ChurnResult> {
  const perTick = (live.length * options.sharePerSecond * tickMs) / 1_000
  const returns: Promise<void>[] = []
  const away = new Set<number>()
  let owed = 0
  let cycles = 0
  let failed = 0

  const end = performance.now() + options.seconds * 1_000
  while (performance.now() < end) {
    // Fractions carry over, so a small share still cuts someone.
    owed += perTick
    for (; owed >= 1; owed -= 1) {
      const index = pick(live, away)
      if (index === undefined) break
      away.add(index)
      live[index]!.drop()
      cycles += 1
      returns.push(
        sleep(options.awayMs)
          .then(() => reconnect(index))
          .catch(() => {
            failed += 1
          })
          .finally(() => away.delete(index)),
      )
    }
    await sleep(tickMs)
  }

  await Promise.all(returns)
  return { cycles, failed }
}

/** A random connected client not already away, if one turns up soon. */
function pick(
  live: readonly (DriverClient | undefined)[],
  away: ReadonlySet<number>,
): number | undefined {
  for (let attempt = 0; attempt < 20; attempt++) {
    const index = Math.floor(Math.random() * live.length)
    if (!away.has(index) && live[index]?.connected) return index
  }
  return undefined
}

import type { FerretDbTail } from '../engines/ferretdb-tail.js'
import type { StoreLag } from '../measure/store-lag.js'

export interface StoreReader {
  /** How often it looked and what the looks cost the harness, ms. */
  stats(): {
    looks: number
    maxGapMs: number
    busyMs: number
    maxLookMs: number
  }
  /** Stops after one last look. */
  stop(): void
}

/**
 * Looks at the store every `intervalMs`. A look is a synchronous read
 * of the rows added since the last one, so looks never overlap; their
 * time is kept so the report can say what the reader cost the harness.
 */
export function startStoreReader(
  tail: FerretDbTail,
  store: StoreLag,
  intervalMs: number,
): StoreReader {
  const stats = { looks: 0, maxGapMs: 0, busyMs: 0, maxLookMs: 0 }
  let previous: number | undefined
  const look = () => {
    const started = performance.now()
    const texts = tail.readMessages()
    const done = performance.now()
    for (const text of texts) store.seen(text, done)

    stats.looks += 1
    stats.busyMs += done - started
    stats.maxLookMs = Math.max(stats.maxLookMs, done - started)
    if (previous !== undefined) {
      stats.maxGapMs = Math.max(stats.maxGapMs, started - previous)
    }
    previous = started
  }
  const timer = setInterval(look, intervalMs)
  return {
    stats: () => ({
      looks: stats.looks,
      maxGapMs: round(stats.maxGapMs),
      busyMs: round(stats.busyMs),
      maxLookMs: round(stats.maxLookMs),
    }),
    stop: () => {
      clearInterval(timer)
      look()
    },
  }
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}

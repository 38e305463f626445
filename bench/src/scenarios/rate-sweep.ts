import type { RunReport } from '../report/report.js'
import type { Scenario } from './scenario.js'
import { smallRooms, type SmallRoomsOptions } from './small-rooms.js'

/** The latency a step may reach and still count as sustained. */
export const sweepP99LimitMs = 200

export interface SweepPreset {
  /** Small-rooms layout and phases; its `rate` is replaced per step. */
  base: SmallRoomsOptions
  /** Messages per second per client, lowest first. */
  rates: readonly number[]
}

/**
 * Quick takes two short steps, 4,000 and 8,000 msg/s, either side of
 * where the servers top out on a machine like this one (small-rooms
 * itself runs at 1,000); full walks the large layout up in finer steps.
 */
export const sweepPresets: Record<'quick' | 'full', SweepPreset> = {
  quick: {
    base: {
      clients: 2_000,
      roomSize: 10,
      rate: 0,
      payloadBytes: 100,
      warmupSeconds: 2,
      durationSeconds: 8,
      drainSeconds: 10,
      connectBatch: 100,
    },
    rates: [2, 4],
  },
  full: {
    base: {
      clients: 10_000,
      roomSize: 10,
      rate: 0,
      payloadBytes: 100,
      warmupSeconds: 5,
      durationSeconds: 20,
      drainSeconds: 15,
      connectBatch: 200,
    },
    rates: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.8, 1, 1.2, 1.6],
  },
}

/** One step of the sweep: small rooms at one rate. */
export function sweepStep(preset: SweepPreset, rate: number): Scenario {
  const scenario = smallRooms({ ...preset.base, rate })
  return { ...scenario, name: 'rate-sweep' }
}

export type StepVerdict =
  | { sustained: true }
  | { sustained: false; why: string; harnessBound: boolean }

/**
 * A step is sustained when every message reached every member once and
 * the p99 stayed within the limit. A harness-bound step says nothing of
 * the server, so it ends the sweep without counting against it.
 */
export function stepVerdict(report: RunReport): StepVerdict {
  if (report.harness.harnessBound) {
    return { sustained: false, why: 'harness-bound', harnessBound: true }
  }

  const { lost, duplicates } = report.delivery
  const reasons: string[] = []
  if (lost > 0) reasons.push(`${lost.toLocaleString('en-US')} lost`)
  if (duplicates > 0) {
    reasons.push(`${duplicates.toLocaleString('en-US')} duplicates`)
  }
  const p99 = report.latencyMs.p99
  if (!(p99 <= sweepP99LimitMs)) reasons.push(`p99 ${p99} ms`)
  if (reasons.length === 0) return { sustained: true }
  return { sustained: false, why: reasons.join(', '), harnessBound: false }
}

export interface SweepResult {
  server: string
  clients: number
  /** Every step run, lowest rate first, with its verdict. */
  steps: { report: RunReport; verdict: StepVerdict }[]
}

/** The fastest step that held; undefined when even the first failed. */
export function highestSustained(result: SweepResult): RunReport | undefined {
  let best: RunReport | undefined
  for (const { report, verdict } of result.steps) {
    if (!verdict.sustained) break
    best = report
  }
  return best
}

/**
 * Messages per second offered, all clients together, at the highest
 * sustained step: the figure the servers are compared on.
 */
export function sustainedRate(result: SweepResult): number | undefined {
  const best = highestSustained(result)
  if (!best) return undefined
  return best.scenario.ratePerPublisher * best.scenario.clients
}

/** One row per server, with Algochat's ratio to each peer's rate. */
export function sweepTable(results: readonly SweepResult[]): string {
  const algochat = results.find((r) => r.server === 'algochat')
  const algochatRate = algochat ? sustainedRate(algochat) : undefined
  const int = (value: number) => Math.round(value).toLocaleString('en-US')

  const header =
    '| server | clients | highest sustained msg/s | deliveries/s there | p99 ms there | next step msg/s | why it failed | algochat / server |'
  const rule = '| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: |'
  const rows = results.map((result) => {
    const best = highestSustained(result)
    const rate = sustainedRate(result)
    const failed = result.steps.find((step) => !step.verdict.sustained)
    const failedRate = failed
      ? failed.report.scenario.ratePerPublisher * result.clients
      : undefined
    const why =
      failed && !failed.verdict.sustained
        ? failed.verdict.why
        : 'every step held'
    const ratio =
      result === algochat || algochatRate === undefined || !rate
        ? ''
        : `${(algochatRate / rate).toFixed(2)}x`
    return [
      result.server,
      int(result.clients),
      rate === undefined ? 'none' : int(rate),
      best ? int(best.throughput.deliveredPerSecond) : '-',
      best ? String(best.latencyMs.p99) : '-',
      failedRate === undefined ? '-' : int(failedRate),
      why,
      ratio,
    ].join(' | ')
  })
  return [header, rule, ...rows.map((row) => `| ${row} |`)].join('\n')
}

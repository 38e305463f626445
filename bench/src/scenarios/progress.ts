import { coreUsage } from '../measure/core-usage.js'
import type { DeliveryRecorder } from '../measure/delivery-recorder.js'
import { total } from '../measure/node-totals.js'
import { clockTicksPerSecond, readRssKb } from '../measure/proc-stats.js'
import { sleep } from '../util/sleep.js'
import { takeSnapshot, type Snapshot } from './snapshot.js'

export interface ProgressOptions {
  /** Every process of the server; lines show their sums. */
  serverPids: readonly number[]
  /** The CPU the server is pinned to, to report foreign use of it. */
  serverCpu: number | undefined
  recorder: DeliveryRecorder
  sent: () => number
  counters: () => Promise<Record<string, number>>
  /** Seconds between lines. */
  everySeconds: number
  log: (line: string) => void
}

/** Prints a line of rates every few seconds while a phase runs. */
export class Progress {
  readonly #options: ProgressOptions
  #last: Snapshot | undefined

  constructor(options: ProgressOptions) {
    this.#options = options
  }

  /** Takes the first reading; rates in the next line are from here. */
  async start(): Promise<void> {
    this.#last = await this.#snapshot()
  }

  /** Waits `seconds`, printing a line every `everySeconds`. */
  async runFor(seconds: number, phase: string): Promise<void> {
    const every = this.#options.everySeconds * 1_000
    const until = performance.now() + seconds * 1_000
    for (let now = performance.now(); now < until; now = performance.now()) {
      await sleep(Math.min(every, until - now))
      await this.line(phase)
    }
  }

  async line(phase: string): Promise<void> {
    const { recorder, serverPids, serverCpu, log } = this.#options
    const now = await this.#snapshot()
    const last = this.#last ?? now
    const elapsed = Math.max(0.001, (now.at - last.at) / 1_000)
    const perSecond = (a: number, b: number) => Math.round((a - b) / elapsed)
    const recent = recorder.recent.summary()
    const serverPercent = ((now.serverCpu - last.serverCpu) / elapsed) * 100
    const harnessPercent =
      ((now.harnessCpuUs - last.harnessCpuUs) / 1e6 / elapsed) * 100
    const core =
      serverCpu === undefined
        ? null
        : coreUsage(
            serverCpu,
            last.cores,
            now.cores,
            now.serverCpu - last.serverCpu,
            clockTicksPerSecond(),
          )

    log(
      [
        `${phase}: sent ${perSecond(now.sent, last.sent)}/s`,
        `delivered ${perSecond(now.delivered, last.delivered)}/s`,
        `p50 ${ms(recent.p50)} p99 ${ms(recent.p99)} ms`,
        `server CPU ${serverPercent.toFixed(0)}%`,
        `RSS ${(total(serverPids.map(readRssKb)) / 1_024).toFixed(0)} MB`,
        `disk writes ${((now.serverWriteBytes - last.serverWriteBytes) / 2 ** 20 / elapsed).toFixed(1)} MB/s`,
        `harness CPU ${harnessPercent.toFixed(0)}%`,
        ...(core ? [`others on server CPU ${core.otherPercent}%`] : []),
        ...serverRates(last.counters, now.counters, elapsed),
      ].join(', '),
    )
    recorder.recent.reset()
    this.#last = now
  }

  #snapshot(): Promise<Snapshot> {
    const { serverPids, recorder, sent, counters } = this.#options
    return takeSnapshot(serverPids, recorder, sent, counters)
  }
}

/** The server's view: what it accepted and sequenced, per second. */
function serverRates(
  before: Record<string, number>,
  after: Record<string, number>,
  elapsed: number,
): string[] {
  const shown = ['accepted', 'sequenced']
  const rates = shown.flatMap((name) => {
    const a = before[name]
    const b = after[name]
    return a === undefined || b === undefined
      ? []
      : [`${name} ${Math.round((b - a) / elapsed)}/s`]
  })
  return rates.length > 0 ? [`server ${rates.join(' ')}`] : []
}

function ms(us: number): string {
  return Number.isFinite(us) ? (us / 1_000).toFixed(1) : '-'
}

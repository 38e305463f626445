import { coreUsage } from '../measure/core-usage.js'
import type { DeliveryRecorder } from '../measure/delivery-recorder.js'
import { clockTicksPerSecond, readRssKb } from '../measure/proc-stats.js'
import { sleep } from '../util/sleep.js'
import { takeSnapshot, type Snapshot } from './snapshot.js'

export interface ProgressOptions {
  serverPid: number
  /** The CPU the server is pinned to, to report foreign use of it. */
  serverCpu: number | undefined
  recorder: DeliveryRecorder
  sent: () => number
  /** Seconds between lines. */
  everySeconds: number
  log: (line: string) => void
}

/** Prints a line of rates every few seconds while a phase runs. */
export class Progress {
  readonly #options: ProgressOptions
  #last: Snapshot

  constructor(options: ProgressOptions) {
    this.#options = options
    this.#last = this.#snapshot()
  }

  /** Waits `seconds`, printing a line every `everySeconds`. */
  async runFor(seconds: number, phase: string): Promise<void> {
    const every = this.#options.everySeconds * 1_000
    const until = performance.now() + seconds * 1_000
    for (let now = performance.now(); now < until; now = performance.now()) {
      await sleep(Math.min(every, until - now))
      this.line(phase)
    }
  }

  line(phase: string): void {
    const { recorder, serverPid, serverCpu, log } = this.#options
    const now = this.#snapshot()
    const last = this.#last
    const elapsed = (now.at - last.at) / 1_000
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
        `RSS ${(readRssKb(serverPid) / 1_024).toFixed(0)} MB`,
        `harness CPU ${harnessPercent.toFixed(0)}%`,
        ...(core ? [`others on server CPU ${core.otherPercent}%`] : []),
      ].join(', '),
    )
    recorder.recent.reset()
    this.#last = now
  }

  #snapshot(): Snapshot {
    const { serverPid, recorder, sent } = this.#options
    return takeSnapshot(serverPid, recorder, sent())
  }
}

function ms(us: number): string {
  return Number.isFinite(us) ? (us / 1_000).toFixed(1) : '-'
}

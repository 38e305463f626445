import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { DriverClient } from '../drivers/driver.js'
import type { DeliveryRecorder } from '../measure/delivery-recorder.js'
import { encodePayload } from '../measure/payload.js'
import { sleep } from '../util/sleep.js'
import { Pacer } from './pacer.js'
import { Progress } from './progress.js'
import type { Scenario } from './scenario.js'
import { takeSnapshot, type Snapshot } from './snapshot.js'

export interface TrafficOptions {
  scenario: Scenario
  /** Connected clients, indexed like `scenario.clients`. */
  clients: readonly DriverClient[]
  recorder: DeliveryRecorder
  /** Every process of the server, measured together. */
  serverPids: readonly number[]
  serverCpu: number | undefined
  /** The target's own counters, read at each snapshot. */
  counters: () => Promise<Record<string, number>>
  progressSeconds: number
  log: (line: string) => void
}

export interface TrafficResult {
  /** Counters when the measured window opened and closed. */
  start: Snapshot
  end: Snapshot
  /** Harness event-loop delay during the window, p99, ms. */
  eventLoopDelayP99Ms: number
  /** Longest a scheduled send waited for the harness, ms. */
  maxSendLagMs: number
  drain: DrainResult
}

export interface DrainResult {
  /** Deliveries still missing when the drain ended. */
  outstanding: number
  /**
   * Whether deliveries were still arriving when the time ran out: the
   * missing ones were late rather than lost.
   */
  stillArriving: boolean
  seconds: number
}

/** Publisher ticks: short enough that sends are spread, not bunched. */
const tickMs = 5
/** A tick sends at most this much of a second's schedule at once. */
const maxBurstSeconds = 0.05
/** The drain ends early once no delivery arrived for this long. */
const drainQuietMs = 3_000

/**
 * The traffic phases: warm-up, measured window, drain. Every publishing
 * client sends at the scenario's rate on an open-loop schedule,
 * interleaved in a fixed shuffled order so no room's senders fire
 * together.
 */
export async function runTraffic(
  options: TrafficOptions,
): Promise<TrafficResult> {
  const { scenario, recorder, log } = options
  const schedule: { pacer?: Pacer } = {}
  const sent = () => schedule.pacer?.sent ?? 0
  const snapshot = () =>
    takeSnapshot(options.serverPids, recorder, sent, options.counters)
  const progress = new Progress({
    serverPids: options.serverPids,
    serverCpu: options.serverCpu,
    recorder,
    sent,
    counters: options.counters,
    everySeconds: options.progressSeconds,
    log,
  })
  const loopDelay = monitorEventLoopDelay({ resolution: 10 })

  // The schedule starts only once the first reading is taken, so its
  // first tick does not begin with a backlog.
  await progress.start()
  const pacer = createPacer(options)
  schedule.pacer = pacer
  const ticker = setInterval(() => pacer.tick(performance.now()), tickMs)
  log(`publishing: ${scenario.description}`)

  let start: Snapshot
  let end: Snapshot
  try {
    await progress.runFor(scenario.warmupSeconds, 'warm-up')
    start = await snapshot()
    recorder.openWindow(start.at)
    loopDelay.enable()
    log(`measuring for ${scenario.durationSeconds} s`)

    await progress.runFor(scenario.durationSeconds, 'measure')
    end = await snapshot()
    recorder.closeWindow(end.at)
    loopDelay.disable()
  } finally {
    clearInterval(ticker)
  }

  const drained = await drain(recorder, scenario.drainSeconds)
  log(
    drained.outstanding === 0
      ? `drained in ${drained.seconds} s: every message reached every member`
      : `drain ended after ${drained.seconds} s with ${drained.outstanding} deliveries missing${drained.stillArriving ? ', still arriving' : ''}`,
  )
  return {
    start,
    end,
    eventLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    maxSendLagMs: pacer.maxLagMs,
    drain: drained,
  }
}

function createPacer(options: TrafficOptions): Pacer {
  const { scenario, clients, recorder } = options
  const roomIds = scenario.layout.rooms.map((room) => room.id)
  const publishers = shuffled(
    scenario.clients.flatMap((plan, index) =>
      plan.publishTo ? [{ to: plan.publishTo, client: clients[index]! }] : [],
    ),
  )
  if (publishers.length === 0) throw new Error('the scenario has no publisher')

  const seqs = new Uint32Array(publishers.length)
  const rate = publishers.length * scenario.ratePerPublisher
  return new Pacer({
    rate,
    startAt: performance.now(),
    maxBurst: Math.max(1, Math.ceil(rate * maxBurstSeconds)),
    send: (index, intendedAt) => {
      const which = index % publishers.length
      const { to, client } = publishers[which]!
      const seq = (seqs[which] = seqs[which]! + 1)

      // Counted as sent before the driver sees it, so a delivery can
      // never arrive for a sequence the tracker does not know yet.
      recorder.sent(to.room, to.slot, seq)
      const payload = encodePayload(
        {
          room: to.room,
          sender: to.slot,
          seq,
          sentAt: performance.now() * 1_000,
          intendedAt: intendedAt * 1_000,
        },
        scenario.payloadBytes,
      )
      client.publish(roomIds[to.room]!, payload)
    },
  })
}

/**
 * Waits for in-flight messages until all arrived, none arrived for a
 * while, or the time is up.
 */
async function drain(
  recorder: DeliveryRecorder,
  maxSeconds: number,
): Promise<DrainResult> {
  const started = performance.now()
  const deadline = started + maxSeconds * 1_000
  let last = recorder.delivered
  let lastChange = started

  for (;;) {
    const { expected, received } = recorder.tracker.counts()
    const now = performance.now()
    if (recorder.delivered !== last) {
      last = recorder.delivered
      lastChange = now
    }

    const quiet = now - lastChange > drainQuietMs
    if (received >= expected || quiet || now >= deadline) {
      return {
        outstanding: expected - received,
        stillArriving: !quiet && received < expected,
        seconds: Math.round((now - started) / 100) / 10,
      }
    }
    await sleep(250)
  }
}

/** A fixed pseudo-random order, the same on every run. */
export function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items]
  let state = 0x9e3779b9
  for (let i = out.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0
    const j = state % (i + 1)
    ;[out[i], out[j]] = [out[j]!, out[i]!]
  }
  return out
}

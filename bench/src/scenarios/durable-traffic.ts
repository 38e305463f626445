import { monitorEventLoopDelay } from 'node:perf_hooks'
import type { AlgochatClient } from '../drivers/algochat/algochat-client.js'
import {
  readEngineCpu,
  type EngineCpuReading,
  type EngineName,
} from '../engines/engine-cpu.js'
import type { FerretDbTail } from '../engines/ferretdb-tail.js'
import type { CommandLatency } from '../measure/command-latency.js'
import type { DeliveryRecorder } from '../measure/delivery-recorder.js'
import type { Histogram } from '../measure/histogram.js'
import { encodePayload } from '../measure/payload.js'
import {
  readCoreTicks,
  readCpuSeconds,
  readRssKb,
  type CoreTicks,
} from '../measure/proc-stats.js'
import type { StoreLag } from '../measure/store-lag.js'
import { sleep } from '../util/sleep.js'
import { Pacer } from './pacer.js'
import { startStoreReader } from './store-reader.js'
import type { Scenario } from './scenario.js'
import { shuffled } from './traffic.js'

export interface DurableTrafficOptions {
  scenario: Scenario
  /** Connected clients, indexed like `scenario.clients`. */
  clients: readonly AlgochatClient[]
  recorder: DeliveryRecorder
  commands: CommandLatency
  store: StoreLag
  tail: FerretDbTail
  storePollMs: number
  serverPid: number
  enginePids: Partial<Record<EngineName, number>>
  counters: () => Promise<Record<string, number>>
  log: (line: string) => void
}

/** Everything read at one instant; the window is the difference. */
export interface Reading {
  /** Harness clock, ms. */
  at: number
  sent: number
  delivered: number
  serverCpu: number
  harnessCpuUs: number
  cores: Map<number, CoreTicks>
  engines: EngineCpuReading
  counters: Record<string, number>
}

export interface DurableTrafficResult {
  start: Reading
  end: Reading
  /** Commands accepted and not yet sequenced, by the server's counters. */
  backlogAtWindowEnd: number | null
  maxBacklog: number | null
  storeReader: {
    looks: number
    maxGapMs: number
    busyMs: number
    maxLookMs: number
  }
  drainSeconds: number
  /** Whether anything was still arriving when the drain gave up. */
  stillArriving: boolean
  eventLoopDelayP99Ms: number
}

const tickMs = 5
const maxBurstSeconds = 0.05
const progressMs = 5_000
/**
 * The drain ends early after this long without progress: longer than
 * the steady scenarios wait, since one slow store write can hold up a
 * whole batch of acks and deliveries for seconds.
 */
const drainQuietMs = 10_000

/**
 * Warm-up, measured window and drain of the durable path: every client
 * publishes on an open-loop schedule and each send's `accepted` and
 * `ack` are timed by clientId, while a reader outside the server looks
 * at the message store every `storePollMs` for what was stored since.
 */
export async function runDurableTraffic(
  options: DurableTrafficOptions,
): Promise<DurableTrafficResult> {
  const { scenario, commands, store, log } = options
  const loopDelay = monitorEventLoopDelay({ resolution: 10 })
  const reader = startStoreReader(options.tail, store, options.storePollMs)
  const backlog = { max: null as number | null }
  const read = async (sent: number): Promise<Reading> => {
    const counters = await options.counters()
    const seen = backlogOf(counters)
    if (seen !== null) backlog.max = Math.max(backlog.max ?? 0, seen)
    const cpu = process.cpuUsage()
    return {
      at: performance.now(),
      sent,
      delivered: options.recorder.delivered,
      serverCpu: readCpuSeconds(options.serverPid),
      harnessCpuUs: cpu.user + cpu.system,
      cores: readCoreTicks(),
      engines: readEngineCpu(options.enginePids),
      counters,
    }
  }

  const pacer = createPacer(options)
  const ticker = setInterval(() => pacer.tick(performance.now()), tickMs)
  let last: Reading | undefined
  const phase = async (name: string, seconds: number) => {
    const until = performance.now() + seconds * 1_000
    while (performance.now() < until) {
      await sleep(Math.min(progressMs, until - performance.now()))
      const now = await read(pacer.sent)
      log(progressLine(name, last ?? now, now, options))
      last = now
    }
  }

  let start: Reading
  let end: Reading
  try {
    last = await read(0)
    log(`publishing: ${scenario.description}`)
    await phase('warm-up', scenario.warmupSeconds)
    start = await read(pacer.sent)
    options.recorder.openWindow(start.at)
    commands.openWindow(start.at)
    store.openWindow(start.at)
    loopDelay.enable()
    log(`measuring for ${scenario.durationSeconds} s`)

    last = start
    await phase('measure', scenario.durationSeconds)
    end = await read(pacer.sent)
    options.recorder.closeWindow(end.at)
    commands.closeWindow(end.at)
    store.closeWindow(end.at)
    loopDelay.disable()
  } catch (error) {
    reader.stop()
    throw error
  } finally {
    clearInterval(ticker)
  }

  try {
    const drained = await drain(options, pacer.sent)
    const deliveries = options.recorder.tracker.counts()
    log(
      `drain: ${drained.seconds} s; ${commands.inFlight} acks and ${deliveries.expected - deliveries.received} deliveries outstanding`,
    )
    return {
      start,
      end,
      backlogAtWindowEnd: backlogOf(end.counters),
      maxBacklog: backlog.max,
      storeReader: reader.stats(),
      drainSeconds: drained.seconds,
      stillArriving: drained.stillArriving,
      eventLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    }
  } finally {
    reader.stop()
  }
}

function createPacer(options: DurableTrafficOptions): Pacer {
  const { scenario, clients, recorder, commands } = options
  const roomIds = scenario.layout.rooms.map((room) => room.id)
  const publishers = shuffled(
    scenario.clients.flatMap((plan, index) =>
      plan.publishTo ? [{ to: plan.publishTo, client: clients[index]! }] : [],
    ),
  )
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
      recorder.sent(to.room, to.slot, seq)
      const sentAt = performance.now()
      const payload = encodePayload(
        {
          room: to.room,
          sender: to.slot,
          seq,
          sentAt: sentAt * 1_000,
          intendedAt: intendedAt * 1_000,
        },
        scenario.payloadBytes,
      )
      const clientId = client.send(roomIds[to.room]!, payload)
      if (clientId !== undefined) commands.sent(clientId, sentAt)
    },
  })
}

/**
 * Waits until every delivery, every ack and every stored message is in,
 * nothing changed for a while, or the time is up.
 */
async function drain(options: DurableTrafficOptions, sent: number) {
  const { recorder, commands, store, scenario } = options
  const started = performance.now()
  const deadline = started + scenario.drainSeconds * 1_000
  const progress = () =>
    recorder.delivered + commands.counts().acked + store.stored
  let last = progress()
  let lastChange = started

  for (;;) {
    const now = performance.now()
    if (progress() !== last) {
      last = progress()
      lastChange = now
    }
    const { expected, received } = recorder.tracker.counts()
    const counts = commands.counts()
    const refused = Object.values(counts.rejected).reduce((a, b) => a + b, 0)
    const complete =
      received >= expected &&
      commands.inFlight === 0 &&
      store.stored >= sent - refused
    const quiet = now - lastChange > drainQuietMs
    if (complete || quiet || now >= deadline) {
      return {
        seconds: round((now - started) / 1_000),
        stillArriving: !complete && !quiet,
      }
    }
    await sleep(250)
  }
}

/** Accepted minus sequenced, when the server reports both. */
export function backlogOf(counters: Record<string, number>): number | null {
  const accepted = counters['accepted']
  const sequenced = counters['sequenced']
  if (accepted === undefined || sequenced === undefined) return null
  return Math.max(0, accepted - sequenced)
}

function progressLine(
  phase: string,
  last: Reading,
  now: Reading,
  options: DurableTrafficOptions,
): string {
  const seconds = Math.max(0.001, (now.at - last.at) / 1_000)
  const rate = (a: number, b: number) => Math.round((a - b) / seconds)
  const backlog = backlogOf(now.counters)
  const line = [
    `${phase}: sent ${rate(now.sent, last.sent)}/s`,
    `delivered ${rate(now.delivered, last.delivered)}/s`,
    `ack ${tails(options.commands.recent)}`,
    `in Mongo ${tails(options.store.recent)}`,
    `acks in flight ${options.commands.inFlight}`,
    `backlog ${backlog ?? '?'}`,
    `server CPU ${(((now.serverCpu - last.serverCpu) / seconds) * 100).toFixed(0)}%`,
    `RSS ${(readRssKb(options.serverPid) / 1_024).toFixed(0)} MB`,
    `harness CPU ${((now.harnessCpuUs - last.harnessCpuUs) / 1e4 / seconds).toFixed(0)}%`,
  ].join(', ')
  options.commands.recent.reset()
  options.store.recent.reset()
  return line
}

function tails(histogram: Histogram): string {
  const { count, p50, p99 } = histogram.summary()
  if (count === 0) return '-'
  return `p50 ${(p50 / 1_000).toFixed(1)} p99 ${(p99 / 1_000).toFixed(1)} ms`
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}

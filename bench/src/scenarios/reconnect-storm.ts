import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DriverClient } from '../drivers/driver.js'
import { pinProcesses } from '../host/pinning.js'
import { coreUsage } from '../measure/core-usage.js'
import { DeliveryRecorder } from '../measure/delivery-recorder.js'
import {
  clockTicksPerSecond,
  readCoreTicks,
  readCpuSeconds,
} from '../measure/proc-stats.js'
import { encodePayload } from '../measure/payload.js'
import { sourceAddresses } from '../net/source-addresses.js'
import type { SourceRevision } from '../report/source-revision.js'
import type { Target } from '../targets/target.js'
import { sleep } from '../util/sleep.js'
import { runChurn, type ChurnOptions } from './churn.js'
import { closeClients, connectClients } from './connect-clients.js'
import { Pacer } from './pacer.js'
import type { ClientPlan, Scenario } from './scenario.js'
import { smallRooms } from './small-rooms.js'
import { shuffled } from './traffic.js'

export interface StormOptions {
  clients: number
  roomSize: number
  /** Messages per second per client, before, during and after. */
  rate: number
  /** Traffic before the churn. */
  steadySeconds: number
  /** Clients leaving and coming back under traffic, before the drop. */
  churn: ChurnOptions
  /** Reconnects are spread evenly over this long. */
  spreadSeconds: number
  /** Traffic once everyone is back. */
  afterSeconds: number
  drainSeconds: number
  connectBatch: number
}

/** What the storm takes from the run's small-rooms options. */
export type StormLayout = Pick<
  StormOptions,
  'clients' | 'roomSize' | 'rate' | 'connectBatch'
>

/** The storm's phases; its layout comes from the small-rooms options. */
export const stormPhases: Record<
  'quick' | 'full',
  Omit<StormOptions, keyof StormLayout>
> = {
  quick: {
    steadySeconds: 3,
    churn: { seconds: 5, sharePerSecond: 0.05, awayMs: 500 },
    spreadSeconds: 5,
    afterSeconds: 3,
    drainSeconds: 10,
  },
  full: {
    steadySeconds: 5,
    churn: { seconds: 10, sharePerSecond: 0.05, awayMs: 500 },
    spreadSeconds: 10,
    afterSeconds: 5,
    drainSeconds: 10,
  },
}

export interface StormResult {
  server: string
  version: string
  clients: number
  /** Messages actually written to a socket; none while the sender is away. */
  sent: number
  expected: number
  received: number
  /** Deliveries that came back as replays on resubscribing. */
  recovered: number
  lost: number
  duplicates: number
  /** Churn before the drop: connections cut and resumed, and failures. */
  churned: number
  churnFailed: number
  /** Clients back and subscribed, and those that failed to come back. */
  reconnected: number
  failed: number
  /** From the drop until the last client was back, s. */
  reconnectSeconds: number
  /** Share of the server's core other processes took, drop to drain end. */
  othersOnServerCorePercent: number | null
}

/** How a storm was run, for its JSON report. */
export interface StormSetup {
  startedAt: string
  options: StormOptions
  revision: SourceRevision | null
  /** CPU lists; null when unpinned. */
  pinning: { server: string | null; harness: string | null }
}

/** Publisher ticks, as in the steady scenarios. */
const tickMs = 5
/** The drain ends early once nothing arrived for this long. */
const quietMs = 3_000

/**
 * Every client loses its connection at once (cut, no close handshake),
 * then all come back spread over `spreadSeconds`, each resubscribing
 * from the last position it held where the protocol can resume. Senders
 * keep their schedule while connected and skip it while away, so what
 * was never sent is not counted; every member must still receive
 * everything that was sent, so what a server cannot replay is lost.
 */
export async function runStorm(
  target: Target,
  options: StormOptions,
  pin: boolean,
  log: (line: string) => void,
): Promise<StormResult & { setup: StormSetup }> {
  const startedAt = new Date().toISOString()
  const scenario = smallRooms({
    ...options,
    payloadBytes: 100,
    warmupSeconds: 0,
    durationSeconds: options.steadySeconds,
    drainSeconds: options.drainSeconds,
  })
  const pinning = pinProcesses(pin)
  const dataDir = await mkdtemp(join(tmpdir(), 'algochat-bench-'))
  try {
    const server = await target.start({
      cpus: pinning.server,
      cpuProfileDir: undefined,
      dataDir,
      logFile: undefined,
    })
    try {
      await target.provision(scenario.layout, () => {})
      const cpu =
        pinning.server === undefined ? undefined : Number(pinning.server)
      const result = await storm(target, scenario, options, log, {
        pid: server.pid,
        cpu,
      })
      return {
        ...result,
        server: target.name,
        version: server.version,
        setup: {
          startedAt,
          options,
          revision: server.revision,
          pinning: {
            server: pinning.server ?? null,
            harness: pinning.harness ?? null,
          },
        },
      }
    } finally {
      await target.stop()
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}

async function storm(
  target: Target,
  scenario: Scenario,
  options: StormOptions,
  log: (line: string) => void,
  serverCore: { pid: number; cpu: number | undefined },
): Promise<Omit<StormResult, 'server' | 'version'>> {
  const recorder = new DeliveryRecorder(
    scenario.layout.rooms.map((room) => room.members.length),
  )
  const addresses = sourceAddresses(Math.ceil(options.clients / 1_000))
  const address = (index: number) => addresses[index % addresses.length]
  const driver = target.driver()
  let recovered = 0

  const live: DriverClient[] = await connectClients(
    driver,
    scenario.layout,
    scenario.clients,
    options.connectBatch,
    {
      localAddress: address,
      onDelivery: (plan, payload, at) => recorder.received(plan, payload, at),
      onError: () => {},
      onClose: () => {},
      onProgress: () => {},
    },
  )
  log(`storm: ${live.length} clients connected to ${target.name}`)

  // A client comes back where it left off: a fresh connection that
  // resubscribes each room from the last position its old one held.
  const reconnect = async (index: number) => {
    const plan = scenario.clients[index]!
    const rooms = plan.memberships.map(({ room }) => {
      const id = scenario.layout.rooms[room]!.id
      return { id, since: live[index]!.resumePoint(id) }
    })
    const client = await driver.connect({
      user: plan.user,
      localAddress: address(index),
      client: index,
      onDelivery: (delivery) => {
        if (delivery.replayed) recovered += 1
        recorder.received(plan, delivery.payload, delivery.receivedAt)
      },
      onError: () => {},
      onClose: () => {},
    })
    live[index] = client
    for (const { id, since } of rooms) await client.join(id, since)
  }

  let sent = 0
  const pacer = stormPacer(scenario, live, recorder, () => (sent += 1))
  const ticker = setInterval(() => pacer.tick(performance.now()), tickMs)
  try {
    await sleep(options.steadySeconds * 1_000)

    const churn = await runChurn(live, reconnect, options.churn)
    log(
      `storm: churn cut and resumed ${churn.cycles} connections, ${churn.failed} failed`,
    )

    // Cut every connection at once.
    const dropped = performance.now()
    const ticksBefore = readCoreTicks()
    const cpuBefore = readCpuSeconds(serverCore.pid)
    for (const client of live) client.drop()
    log(`storm: dropped ${live.length} connections`)

    // Back in a shuffled order, so a room's members return at different
    // times, as they would after a real outage.
    const order = shuffled(scenario.clients.map((_, index) => index))
    const batches = Math.ceil(order.length / options.connectBatch)
    const pauseMs = (options.spreadSeconds * 1_000) / batches
    let failed = 0
    for (let from = 0; from < order.length; from += options.connectBatch) {
      const started = performance.now()
      const group = order.slice(from, from + options.connectBatch)
      const results = await Promise.allSettled(group.map(reconnect))
      failed += results.filter((r) => r.status === 'rejected').length
      await sleep(Math.max(0, pauseMs - (performance.now() - started)))
    }
    const reconnectSeconds = (performance.now() - dropped) / 1_000
    log(`storm: back in ${reconnectSeconds.toFixed(1)} s, ${failed} failed`)

    await sleep(options.afterSeconds * 1_000)
    clearInterval(ticker)
    await drain(recorder, options.drainSeconds)

    const counts = recorder.tracker.counts()
    const usage =
      serverCore.cpu === undefined
        ? null
        : coreUsage(
            serverCore.cpu,
            ticksBefore,
            readCoreTicks(),
            readCpuSeconds(serverCore.pid) - cpuBefore,
            clockTicksPerSecond(),
          )
    return {
      othersOnServerCorePercent: usage?.otherPercent ?? null,
      clients: scenario.clients.length,
      sent,
      expected: counts.expected,
      received: counts.received,
      recovered,
      lost: counts.lost,
      duplicates: counts.duplicates,
      churned: churn.cycles,
      churnFailed: churn.failed,
      reconnected: scenario.clients.length - failed,
      failed,
      reconnectSeconds: Math.round(reconnectSeconds * 10) / 10,
    }
  } finally {
    clearInterval(ticker)
    await closeClients(live)
  }
}

/** Like the steady pacer, but a sender that is away skips its turn. */
function stormPacer(
  scenario: Scenario,
  live: readonly DriverClient[],
  recorder: DeliveryRecorder,
  onSent: () => void,
): Pacer {
  const roomIds = scenario.layout.rooms.map((room) => room.id)
  const publishers = shuffled(
    scenario.clients.flatMap((plan: ClientPlan, index) =>
      plan.publishTo ? [{ to: plan.publishTo, index }] : [],
    ),
  )
  const seqs = new Uint32Array(publishers.length)
  const rate = publishers.length * scenario.ratePerPublisher
  return new Pacer({
    rate,
    startAt: performance.now(),
    maxBurst: Math.max(1, Math.ceil(rate * 0.05)),
    send: (index, intendedAt) => {
      const which = index % publishers.length
      const { to, index: clientIndex } = publishers[which]!
      const client = live[clientIndex]
      if (!client?.connected) return

      const seq = (seqs[which] = seqs[which]! + 1)
      recorder.sent(to.room, to.slot, seq)
      onSent()
      client.publish(
        roomIds[to.room]!,
        encodePayload(
          {
            room: to.room,
            sender: to.slot,
            seq,
            sentAt: performance.now() * 1_000,
            intendedAt: intendedAt * 1_000,
          },
          100,
        ),
      )
    },
  })
}

async function drain(recorder: DeliveryRecorder, maxSeconds: number) {
  const deadline = performance.now() + maxSeconds * 1_000
  let last = recorder.delivered
  let lastChange = performance.now()
  while (performance.now() < deadline) {
    const { expected, received } = recorder.tracker.counts()
    if (received >= expected) return
    if (recorder.delivered !== last) {
      last = recorder.delivered
      lastChange = performance.now()
    } else if (performance.now() - lastChange > quietMs) {
      return
    }
    await sleep(250)
  }
}

/** One markdown table, a row per server. */
export function stormTable(results: readonly StormResult[]): string {
  const header =
    '| server | clients | churn reconnects | churn failed | reconnected in s | failed | sent | deliveries owed | received | recovered by replay | lost | duplicates | others on server CPU |'
  const rule =
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |'
  const rows = results.map((r) =>
    [
      r.server,
      r.clients,
      r.churned,
      r.churnFailed,
      r.reconnectSeconds,
      r.failed,
      r.sent,
      r.expected,
      r.received,
      r.recovered,
      r.lost,
      r.duplicates,
      r.othersOnServerCorePercent === null
        ? '-'
        : `${r.othersOnServerCorePercent.toFixed(0)}%`,
    ]
      .map((cell) =>
        typeof cell === 'number' ? cell.toLocaleString('en-US') : cell,
      )
      .join(' | '),
  )
  return [header, rule, ...rows.map((row) => `| ${row} |`)].join('\n')
}

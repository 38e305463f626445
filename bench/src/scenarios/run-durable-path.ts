import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AlgochatClient } from '../drivers/algochat/algochat-client.js'
import { AlgochatDriver } from '../drivers/algochat/algochat-driver.js'
import type { CommandReply } from '../drivers/algochat/command-reply.js'
import type { Driver } from '../drivers/driver.js'
import { enginePids } from '../engines/engine-cpu.js'
import { runningEngines } from '../engines/engine-env.js'
import { FerretDbTail } from '../engines/ferretdb-tail.js'
import { IsolatedRun } from '../engines/isolated-run.js'
import { checkOpenFiles } from '../host/open-files.js'
import { pinProcesses } from '../host/pinning.js'
import { CommandLatency } from '../measure/command-latency.js'
import { DeliveryRecorder } from '../measure/delivery-recorder.js'
import { readRssKb } from '../measure/proc-stats.js'
import { StoreLag } from '../measure/store-lag.js'
import { addressesFor, sourceAddresses } from '../net/source-addresses.js'
import { AlgochatTarget } from '../targets/algochat-target.js'
import type { RunningServer } from '../targets/target.js'
import { sleep } from '../util/sleep.js'
import { closeClients, connectClients } from './connect-clients.js'
import type { DurablePathOptions, DurablePathResult } from './durable-path.js'
import { durablePathResult, type DurableFacts } from './durable-path-result.js'
import { runDurableTraffic } from './durable-traffic.js'
import { smallRooms } from './small-rooms.js'

export interface DurablePathContext {
  /** The repository root: .engines/ and scripts/engines/ live there. */
  root: string
  pin: boolean
  /** Directory for the server's log. */
  rawDir: string
  command: string
  /** Told of the target once it exists, so Ctrl-C can stop it. */
  onTarget: (target: AlgochatTarget) => void
  log: (line: string) => void
}

/** Where engines.sh keeps FerretDB's SQLite files, under the root. */
const ferretDbData = ['.engines', 'ferretdb', 'data']
const settleMs = 2_000

/**
 * One durable-path run: an Algochat node on the scale set (Kafka log,
 * MongoDB store through FerretDB, PostgreSQL accounts, Redis bus),
 * pinned like the other scenarios while the engines run wherever the
 * machine puts them, with its own topic, group, databases and app.
 */
export async function runDurablePath(
  options: DurablePathOptions,
  context: DurablePathContext,
): Promise<DurablePathResult> {
  const { log } = context
  checkOpenFiles(options.clients)
  const engines = await runningEngines(context.root)
  const startedAt = new Date().toISOString()
  const pinning = pinProcesses(context.pin)
  log(
    pinning.reason === undefined
      ? `pinned: node on CPU ${pinning.server}, harness on CPU ${pinning.harness}; the engines are not pinned and share every CPU`
      : `not pinned: ${pinning.reason}`,
  )

  // The node keeps nothing in its data directory on the scale set, but
  // `start` takes one.
  const dataDir = await mkdtemp(join(tmpdir(), 'algochat-bench-'))
  await mkdir(context.rawDir, { recursive: true })
  const isolated = await IsolatedRun.create(engines)
  log(
    `isolated run: topic ${isolated.names.topic}, group ${isolated.names.group}, databases ${isolated.names.mongoDatabase}`,
  )
  const target = new AlgochatTarget({
    env: isolated.env,
    app: (url) => isolated.createApp(url),
  })
  context.onTarget(target)
  try {
    const server = await target.start({
      cpus: pinning.server,
      cpuProfileDir: undefined,
      dataDir,
      logFile: join(context.rawDir, 'server.log'),
    })
    log(`${server.version} running as pid ${server.pid} at ${server.url}`)
    try {
      const facts = await measure(options, context, target, server, isolated)
      return durablePathResult({
        ...facts,
        startedAt,
        command: context.command,
        options,
        server,
        pinning,
        names: isolated.names,
        serverLog: target.log(),
      })
    } finally {
      await target.stop()
    }
  } finally {
    await rm(dataDir, { recursive: true, force: true })
    await isolated.dispose().catch((error: unknown) => {
      log(`could not drop the run's databases: ${String(error)}`)
    })
  }
}

async function measure(
  options: DurablePathOptions,
  context: DurablePathContext,
  target: AlgochatTarget,
  server: RunningServer,
  isolated: IsolatedRun,
): Promise<
  Pick<
    DurableFacts,
    | 'traffic'
    | 'recorder'
    | 'commands'
    | 'store'
    | 'memory'
    | 'errors'
    | 'disconnects'
  >
> {
  const { log } = context
  const scenario = {
    ...smallRooms({ ...options, rate: options.rate / options.clients }),
    name: 'durable-path',
  }
  const recorder = new DeliveryRecorder(
    scenario.layout.rooms.map((room) => room.members.length),
  )
  const commands = new CommandLatency()
  const store = new StoreLag()
  const errors: Record<string, number> = {}
  let disconnects = 0

  await target.provision(scenario.layout, () => {})
  const tail = await FerretDbTail.open(
    join(context.root, ...ferretDbData),
    isolated.names.mongoDatabase,
    'events',
    30_000,
  )
  try {
    await sleep(settleMs)
    const rssBeforeKb = readRssKb(server.pid)

    // Every client reports its commands' replies to the one tracker.
    const inner = target.driver()
    if (!(inner instanceof AlgochatDriver)) {
      throw new Error('durable-path needs the Algochat driver')
    }
    const onReply = (reply: CommandReply, at: number) => {
      if (reply.kind === 'accepted') commands.acceptedAt(reply.clientId, at)
      else if (reply.kind === 'ack') commands.ackedAt(reply.clientId, at)
      else commands.rejected(reply.clientId, reply.code)
    }
    const driver: Driver = {
      name: inner.name,
      connect: (connect) => inner.connect({ ...connect, onReply }),
    }
    const addresses = sourceAddresses(addressesFor(options.clients))
    const connected = await connectClients(
      driver,
      scenario.layout,
      scenario.clients,
      scenario.connectBatch,
      {
        localAddress: (index) => addresses[index % addresses.length],
        onDelivery: (plan, payload, at) => recorder.received(plan, payload, at),
        onError: (code) => {
          errors[code] = (errors[code] ?? 0) + 1
        },
        onClose: () => {
          disconnects += 1
        },
        onProgress: (done, total) => {
          if (done === total || done % 1_000 === 0) {
            log(`connected ${done}/${total} clients`)
          }
        },
      },
    )
    const clients = connected.map((client) => {
      if (!(client instanceof AlgochatClient)) {
        throw new Error('durable-path needs the Algochat driver')
      }
      return client
    })

    try {
      await sleep(settleMs)
      const rssConnectedKb = readRssKb(server.pid)
      const traffic = await runDurableTraffic({
        scenario,
        clients,
        recorder,
        commands,
        store,
        tail,
        storePollMs: options.storePollMs,
        serverPid: server.pid,
        enginePids: enginePids(context.root),
        counters: () => target.counters(),
        log,
      })

      return {
        traffic,
        recorder,
        commands,
        store,
        memory: {
          rssBeforeKb,
          rssConnectedKb,
          rssAfterKb: readRssKb(server.pid),
        },
        errors,
        disconnects,
      }
    } finally {
      log(`closing ${clients.length} clients`)
      await closeClients(clients)
    }
  } finally {
    tail.close()
  }
}

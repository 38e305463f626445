import { execFileSync } from 'node:child_process'
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { checkOpenFiles } from '../host/open-files.js'
import { pinNodes, pinProcesses, type Pinning } from '../host/pinning.js'
import { DeliveryRecorder } from '../measure/delivery-recorder.js'
import { summedMemory, total, type NodeMemory } from '../measure/node-totals.js'
import {
  readCoreTicks,
  readRssKb,
  type CoreTicks,
} from '../measure/proc-stats.js'
import { sourceAddresses } from '../net/source-addresses.js'
import {
  readProfile,
  summarizeProfile,
  type ProfileSummary,
} from '../profile/summarize-profile.js'
import { buildReport, type RunFacts } from '../report/build-report.js'
import type { RunReport } from '../report/report.js'
import {
  serverNodes,
  type RunningServer,
  type ServerNode,
  type Target,
} from '../targets/target.js'
import { sleep } from '../util/sleep.js'
import { closeClients, connectClients } from './connect-clients.js'
import type { Scenario } from './scenario.js'
import { runTraffic } from './traffic.js'

export interface RunOptions {
  scenario: Scenario
  target: Target
  /** Pin server and harness to separate cores when possible. */
  pin: boolean
  /** Directory for the server's log and, when asked, its CPU profile. */
  rawDir: string
  /** Record a server CPU profile in `rawDir` and summarise it. */
  profile: boolean
  /** Where the server's data directory is made. @default os.tmpdir() */
  dataParent?: string
  /** Loopback source addresses to spread client sockets over. */
  sourceAddresses: number
  /** The command line, recorded in the report. */
  command: string
  /** Seconds between progress lines. @default 5 */
  progressSeconds?: number
  log: (line: string) => void
}

/** Profile locations are shown relative to the repository root. */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))
/** Settling time before memory is read, so allocations land. */
const settleMs = 2_000
/** Progress lines while provisioning and connecting, at most every... */
const setupLogMs = 2_000

/**
 * Runs one scenario against one target: start the server, provision the
 * rooms, ramp the clients up, publish through a warm-up and a measured
 * window, drain, and report. The runner knows nothing of any protocol;
 * everything server-specific is in the target and its driver.
 */
export async function runScenario(options: RunOptions): Promise<RunReport> {
  const { target, log } = options
  checkOpenFiles(options.scenario.clients.length)
  const startedAt = new Date().toISOString()
  const nodeCount = options.scenario.nodes ?? 1
  const pinning =
    nodeCount > 1 ? pinNodes(options.pin, nodeCount) : pinProcesses(options.pin)
  log(
    pinning.reason === undefined
      ? `pinned: server on CPU ${pinning.server}, harness on CPU ${pinning.harness ?? 'any'}${pinning.shared ? `; ${pinning.shared}` : ''}`
      : `not pinned: ${pinning.reason}`,
  )

  const background = await backgroundBusy()
  log(`before the run, other processes kept the CPUs ${background}% busy`)

  const dataDir = await mkdtemp(
    join(options.dataParent ?? tmpdir(), 'algochat-bench-'),
  )
  const storage = { dir: dataDir, filesystem: filesystemOf(dataDir) }
  log(`server data in ${dataDir} (${storage.filesystem})`)
  await mkdir(options.rawDir, { recursive: true })
  try {
    const server = await target.start({
      cpus: pinning.server,
      cpuProfileDir: options.profile ? options.rawDir : undefined,
      dataDir,
      logFile: join(options.rawDir, 'server.log'),
    })
    const nodes = serverNodes(server, pinning.server)
    for (const node of nodes) {
      log(`${server.version} running as pid ${node.pid} at ${node.url}`)
    }

    let report: RunReport
    try {
      report = await measure(options, server, nodes, startedAt, pinning)
    } finally {
      const stopping = performance.now()
      await target.stop()
      log(`server stopped in ${secondsSince(stopping)} s`)
    }
    report.setup.storage = storage
    report.host.busyBeforePercent = background

    report.serverLog = target.log()
    if (options.profile) {
      report.profile = await newestProfile(options.rawDir, startedAt)
    }
    return report
  } finally {
    await rm(dataDir, { recursive: true, force: true })
  }
}

async function measure(
  options: RunOptions,
  server: RunningServer,
  nodes: readonly ServerNode[],
  startedAt: string,
  pinning: Pinning,
): Promise<RunReport> {
  const { scenario, target, log } = options
  const recorder = new DeliveryRecorder(
    scenario.layout.rooms.map((room) => room.members.length),
  )
  const errors: Record<string, number> = {}
  let disconnects = 0

  const provisionStart = performance.now()
  await target.provision(
    scenario.layout,
    throttled((done, total) => {
      log(`provisioned ${done}/${total} memberships`)
    }),
  )
  const provisionSeconds = secondsSince(provisionStart)

  await sleep(settleMs)
  const rss = () => nodes.map((node) => readRssKb(node.pid))
  const rssBeforeKb = rss()

  const addresses = sourceAddresses(options.sourceAddresses)
  const connectStart = performance.now()
  const clients = await connectClients(
    target.driver(),
    scenario.layout,
    scenario.clients,
    scenario.connectBatch,
    {
      localAddress: (index) => addresses[index % addresses.length],
      onDelivery: (plan, payload, receivedAt) =>
        recorder.received(plan, payload, receivedAt),
      onError: (code) => {
        errors[code] = (errors[code] ?? 0) + 1
      },
      onClose: () => {
        disconnects += 1
      },
      onProgress: throttled((connected, total) => {
        log(`connected ${connected}/${total} clients`)
      }),
    },
  )
  const connectSeconds = secondsSince(connectStart)

  try {
    await sleep(settleMs)
    const rssConnectedKb = rss()
    log(
      `server RSS ${mb(total(rssBeforeKb))} MB before connecting, ${mb(total(rssConnectedKb))} MB with ${clients.length} clients${nodes.length > 1 ? ` (${nodes.length} nodes together)` : ''}`,
    )

    const traffic = await runTraffic({
      scenario,
      clients,
      recorder,
      serverPids: nodes.map((node) => node.pid),
      // Several nodes have no one core to report foreign use of.
      serverCpu:
        pinning.server === undefined || nodes.length > 1
          ? undefined
          : Number(pinning.server),
      counters: () => target.counters(),
      progressSeconds: options.progressSeconds ?? 5,
      log,
    })

    return buildReport({
      startedAt,
      command: options.command,
      scenario,
      target: { name: target.name, driver: target.driver().name },
      server,
      pinning,
      setup: {
        provisionSeconds,
        connectSeconds,
        connections: clients.length,
        sourceAddresses: addresses.length,
        storage: null,
      },
      ...nodeMemory(nodes, { rssBeforeKb, rssConnectedKb, rssAfterKb: rss() }),
      traffic,
      recorder,
      errors,
      disconnects,
    })
  } finally {
    log(`closing ${clients.length} clients`)
    await closeClients(clients)
  }
}

/**
 * The memory readings as the report takes them: summed, and node by
 * node as well when the server runs as several processes.
 */
function nodeMemory(
  nodes: readonly ServerNode[],
  memory: NodeMemory,
): Pick<RunFacts, 'memory' | 'nodes'> {
  return {
    memory: summedMemory(memory),
    ...(nodes.length > 1 ? { nodes: { servers: nodes, memory } } : {}),
  }
}

/** Calls `report` at most every few seconds, and always for the last. */
function throttled(
  report: (done: number, total: number) => void,
): (done: number, total: number) => void {
  let last = 0
  return (done, total) => {
    if (performance.now() - last > setupLogMs || done === total) {
      last = performance.now()
      report(done, total)
    }
  }
}

/** The newest CPU profile written since the run started, summarised. */
async function newestProfile(
  dir: string,
  startedAt: string,
): Promise<ProfileSummary | null> {
  const since = Date.parse(startedAt)
  let newest: { path: string; mtime: number } | undefined
  for (const name of await readdir(dir)) {
    if (!name.endsWith('.cpuprofile')) continue
    const path = join(dir, name)
    const { mtimeMs } = await stat(path)
    if (mtimeMs >= since && (!newest || mtimeMs > newest.mtime)) {
      newest = { path, mtime: mtimeMs }
    }
  }
  return newest
    ? summarizeProfile(readProfile(newest.path), newest.path, {
        root: repoRoot,
      })
    : null
}

/** How busy all CPUs were over a short sample, %: the machine's noise. */
async function backgroundBusy(): Promise<number> {
  const total = (cores: Map<number, CoreTicks>) => {
    let busy = 0
    let all = 0
    for (const core of cores.values()) {
      busy += core.busy + core.steal
      all += core.busy + core.steal + core.idle
    }
    return { busy, all }
  }
  const before = total(readCoreTicks())
  await sleep(2_000)
  const after = total(readCoreTicks())
  const all = after.all - before.all
  return all > 0 ? Math.round(((after.busy - before.busy) / all) * 100) : 0
}

/** The filesystem type of `dir` (ext2/ext3, tmpfs, ...), for the report. */
function filesystemOf(dir: string): string {
  try {
    return execFileSync('stat', ['-f', '-c', '%T', dir], {
      encoding: 'utf8',
    }).trim()
  } catch {
    return 'unknown'
  }
}

function secondsSince(start: number): number {
  return Math.round((performance.now() - start) / 100) / 10
}

function mb(kb: number): string {
  return (kb / 1_024).toFixed(0)
}

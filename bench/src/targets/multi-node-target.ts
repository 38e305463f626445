import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Driver } from '../drivers/driver.js'
import { RoutedDriver } from '../drivers/routed-driver.js'
import type { BenchTarget } from './make-target.js'
import type { ServerLogSummary } from './server-log.js'
import type {
  RoomLayout,
  RunningServer,
  ServerNode,
  Target,
  TargetStartOptions,
} from './target.js'

/** What the nodes of one run share, made when the run starts. */
export interface NodeSet {
  /** The target for node `index`; every node joins the same set. */
  node(index: number): BenchTarget
  /** Releases what the set holds on shared engines, once all stopped. */
  dispose(): Promise<void>
}

/** Most warning and error lines kept across nodes, as for one. */
const keptSamples = 20

/**
 * A server run as several processes that fan out to each other, seen
 * by the runner as one target: the nodes start in turn (node i on the
 * i-th CPU of the list), rooms are provisioned through the first, each
 * client connects to its own node, and counters and logs are summed.
 */
export class MultiNodeTarget implements Target {
  readonly name: string
  readonly #count: number
  readonly #prepare: () => Promise<NodeSet>
  #set: NodeSet | undefined
  #nodes: BenchTarget[] = []

  constructor(name: string, count: number, prepare: () => Promise<NodeSet>) {
    if (!Number.isInteger(count) || count < 2) {
      throw new RangeError('a multi-node target needs two nodes or more')
    }
    this.name = name
    this.#count = count
    this.#prepare = prepare
  }

  async start(options: TargetStartOptions): Promise<RunningServer> {
    const set = await this.#prepare()
    this.#set = set
    const cpuList = options.cpus?.split(',')
    const started: RunningServer[] = []
    const nodes: ServerNode[] = []

    // One after another: the first node creates what the others join
    // (a Kafka topic, an app), so they must not race to it.
    for (let index = 0; index < this.#count; index++) {
      const target = set.node(index)
      this.#nodes.push(target)
      const dataDir = join(options.dataDir, nodeLabel(index))
      await mkdir(dataDir, { recursive: true })
      const cpus = cpuList?.[index % cpuList.length]
      const server = await target.start({
        cpus,
        cpuProfileDir: options.cpuProfileDir,
        dataDir,
        logFile:
          options.logFile === undefined
            ? undefined
            : nodeFile(options.logFile, index),
      })
      started.push(server)
      nodes.push({ pid: server.pid, url: server.url, cpus })
    }

    const first = started[0]!
    return {
      pid: first.pid,
      url: first.url,
      nodes,
      version: first.version,
      revision: first.revision,
    }
  }

  provision(
    layout: RoomLayout,
    onProgress: (done: number, total: number) => void,
  ): Promise<void> {
    // The nodes share their stores, so rooms made on one are on all.
    return this.#first().provision(layout, onProgress)
  }

  driver(): Driver {
    return new RoutedDriver(this.#nodes.map((node) => node.driver()))
  }

  async counters(): Promise<Record<string, number>> {
    return sumCounters(
      await Promise.all(this.#nodes.map((node) => node.counters())),
    )
  }

  log(): ServerLogSummary | null {
    return mergeLogSummaries(this.#nodes.map((node) => node.log()))
  }

  async stop(): Promise<void> {
    await Promise.all(this.#nodes.map((node) => node.stop()))
    const set = this.#set
    this.#set = undefined
    await set?.dispose()
  }

  output(): string {
    return this.#nodes
      .map((node, index) => `node ${nodeLabel(index)}:\n${node.output()}`)
      .join('\n')
  }

  #first(): BenchTarget {
    const first = this.#nodes[0]
    if (!first) throw new Error('server is not started')
    return first
  }
}

/** Nodes are a, b, c, ... in logs and data directories. */
export function nodeLabel(index: number): string {
  return String.fromCharCode(97 + (index % 26))
}

/** `raw/server.log` becomes `raw/server-a.log` for the first node. */
export function nodeFile(path: string, index: number): string {
  const dot = path.lastIndexOf('.')
  const slash = path.lastIndexOf('/')
  const label = `-${nodeLabel(index)}`
  return dot > slash
    ? path.slice(0, dot) + label + path.slice(dot)
    : path + label
}

/**
 * The nodes' counters added up. A counter missing from any node (one
 * too busy to answer) is left out: a partial sum would read as a drop.
 */
export function sumCounters(
  perNode: readonly Record<string, number>[],
): Record<string, number> {
  const [first, ...rest] = perNode
  if (!first) return {}
  const sums: Record<string, number> = {}
  for (const [name, value] of Object.entries(first)) {
    let sum = value
    let complete = true
    for (const node of rest) {
      const other = node[name]
      if (other === undefined) complete = false
      else sum += other
    }
    if (complete) sums[name] = sum
  }
  return sums
}

/** One summary for all nodes' output; null when none was captured. */
export function mergeLogSummaries(
  summaries: readonly (ServerLogSummary | null)[],
): ServerLogSummary | null {
  const present = summaries.filter((s): s is ServerLogSummary => s !== null)
  if (present.length === 0) return null
  const files = present.flatMap((s) => (s.file === null ? [] : [s.file]))
  return {
    file: files.length > 0 ? files.join(', ') : null,
    lines: present.reduce((n, s) => n + s.lines, 0),
    warnings: present.reduce((n, s) => n + s.warnings, 0),
    errors: present.reduce((n, s) => n + s.errors, 0),
    samples: present.flatMap((s) => s.samples).slice(0, keptSamples),
  }
}

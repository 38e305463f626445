import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { ServerName } from '../cli/options.js'
import { writeResult } from '../report/write-result.js'
import type { AlgochatTarget } from '../targets/algochat-target.js'
import {
  durablePathTable,
  type DurablePathOptions,
  type DurablePathResult,
} from './durable-path.js'
import { runDurablePath } from './run-durable-path.js'

export interface DurableSuiteOptions {
  runs: readonly DurablePathOptions[]
  servers: readonly ServerName[]
  pin: boolean
  outDir: string
  /** The run's timestamp, naming its raw directory. */
  stamp: string
  command: string
  onTarget: (target: AlgochatTarget) => void
  log: (line: string) => void
}

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url))

/**
 * Every durable-path run, one offered load at a time. The path is
 * Algochat's own (its log, sequencer and store), so other servers are
 * skipped with a note rather than failed.
 */
export async function runDurableSuite(
  options: DurableSuiteOptions,
): Promise<{ results: DurablePathResult[]; failures: string[] }> {
  const { log } = options
  const results: DurablePathResult[] = []
  const failures: string[] = []
  const others = options.servers.filter((name) => name !== 'algochat')
  if (others.length > 0) {
    log(`durable-path measures Algochat only; not run on ${others.join(', ')}`)
  }
  if (!options.servers.includes('algochat')) return { results, failures }

  for (const run of options.runs) {
    log(
      `durable-path on algochat: ${run.clients} clients in rooms of ${run.roomSize}, ${run.rate} msg/s offered`,
    )
    let target: AlgochatTarget | undefined
    try {
      const result = await runDurablePath(run, {
        root: repoRoot,
        pin: options.pin,
        rawDir: join(
          options.outDir,
          'raw',
          options.stamp,
          `durable-path-${run.rate}`,
        ),
        command: options.command,
        onTarget: (created) => {
          target = created
          options.onTarget(created)
        },
        log,
      })
      results.push(result)
      console.log(describeDurable(result))
      const path = await writeResult(
        options.outDir,
        'durable-path-algochat',
        result.startedAt,
        result,
      )
      log(`report written to ${path}`)
    } catch (error) {
      const output = target?.output()
      if (output) console.error(`server output:\n${output}`)
      console.error(error instanceof Error ? (error.stack ?? error) : error)
      failures.push(`durable-path at ${run.rate} msg/s`)
      await target?.stop()
    }
  }
  return { results, failures }
}

/** The comparison file's section: one row per offered load. */
export function durableSection(results: readonly DurablePathResult[]): string {
  const first = results[0]
  if (!first) return ''
  return `### durable-path: Algochat on Kafka, MongoDB (FerretDB), PostgreSQL and Redis, ${first.options.clients} clients in rooms of ${first.options.roomSize}\n\n${durablePathTable(results)}`
}

function describeDurable(r: DurablePathResult): string {
  const tails = (name: string, l: DurablePathResult['ackMs']) =>
    `${name} ms: p50 ${l.p50} p95 ${l.p95} p99 ${l.p99} p99.9 ${l.p999} max ${l.max} (${l.count} samples)`
  const d = r.delivery
  const c = r.commands
  return [
    tails('send to accepted (Kafka)', r.acceptedMs),
    tails('send to ack', r.ackMs),
    tails(
      `send to readable in MongoDB (looks every ${r.storeReader.intervalMs} ms, longest gap ${r.storeReader.maxGapMs} ms)`,
      r.storeLagMs,
    ),
    tails('send to delivery', r.deliveryMs),
    `throughput: ${r.throughput.sentPerSecond} sent/s, ${r.throughput.deliveredPerSecond} delivered/s over ${r.throughput.windowSeconds} s`,
    `commands: ${c.sent} sent, ${c.accepted} accepted, ${c.acked} acked, refused ${JSON.stringify(c.rejected)}, ${c.missingAccepted} without accepted, ${c.missingAck} without ack, ${c.unmatched} unmatched replies`,
    `store: ${r.storeReader.stored} messages found, ${r.storeReader.missing} missing; reader ${r.storeReader.looks} looks, ${r.storeReader.busyMs} ms busy, longest look ${r.storeReader.maxLookMs} ms`,
    `deliveries: ${d.received} of ${d.expected}, ${d.lost} lost, ${d.duplicates} duplicates${d.lateAtDrainEnd ? ' (still arriving when the drain ended)' : ''}`,
    `server: CPU ${r.server.cpuPercent}%, RSS ${r.server.rssBeforeKb} kB idle, ${r.server.rssConnectedKb} kB connected, ${r.server.rssAfterKb} kB after; backlog ${r.server.backlogAtWindowEnd ?? '?'} at the window's end, at most ${r.server.maxBacklog ?? '?'}`,
    `server counters over the window: ${JSON.stringify(r.server.counters)}`,
    `engines (unpinned, sharing every CPU) CPU over the window: ${JSON.stringify(r.engines.cpuPercent)}`,
    `host: load average ${r.host.loadAverage1m}; server core ${r.host.serverCore ? `${r.host.serverCore.busyPercent}% busy, ${r.host.serverCore.otherPercent}% by others` : 'not pinned'}; harness CPU ${r.harness.cpuPercent}%, event-loop p99 ${r.harness.eventLoopDelayP99Ms} ms`,
    `errors: ${JSON.stringify(r.errors)}, disconnects: ${r.disconnects}`,
  ].join('\n')
}

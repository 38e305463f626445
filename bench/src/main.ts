import { fileURLToPath } from 'node:url'
import { join } from 'node:path'
import {
  parseOptions,
  usage,
  type CliOptions,
  type ServerName,
} from './cli/options.js'
import { writeFile } from 'node:fs/promises'
import { comparisonTables } from './report/comparison.js'
import { latencyChart, memoryChart } from './report/svg-chart.js'
import { rateChart } from './report/rate-chart.js'
import { markdownTable } from './report/markdown.js'
import type { RunReport } from './report/report.js'
import { writeFormatted, writeReport } from './report/write-report.js'
import { runScenario } from './scenarios/run-scenario.js'
import { scenarioRuns } from './scenarios/catalog.js'
import {
  runStorm,
  stormPhases,
  stormTable,
  type StormResult,
} from './scenarios/reconnect-storm.js'
import type { Scenario } from './scenarios/scenario.js'
import {
  durableSection,
  runDurableSuite,
} from './scenarios/durable-path-suite.js'
import { stormReport } from './report/storm-report.js'
import { writeResult } from './report/write-result.js'
import { addressesFor } from './net/source-addresses.js'
import { openFilesShortfall } from './host/open-files.js'
import {
  stepVerdict,
  sweepPresets,
  sweepStep,
  sweepTable,
  type SweepResult,
} from './scenarios/rate-sweep.js'
import { makeTarget, type BenchTarget } from './targets/make-target.js'

const resultsDir = fileURLToPath(new URL('../results', import.meta.url))
const began = performance.now()

function log(line: string): void {
  const elapsed = ((performance.now() - began) / 1_000).toFixed(1)
  console.log(`[${elapsed.padStart(6)}s] ${line}`)
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2))
  if (options.help) {
    console.log(usage)
    return 0
  }

  const outDir = options.out ?? resultsDir
  const stamp = new Date().toISOString().replace(/[:.]/g, '-')
  const scenarios = scenarioRuns(
    options.scenarios,
    options.preset,
    options.smallRooms,
  )
  let current: BenchTarget | undefined

  // Ctrl-C must not leave a server running on the pinned core.
  process.once('SIGINT', () => {
    log('interrupted: stopping the server')
    void (current?.stop() ?? Promise.resolve()).finally(() => process.exit(130))
  })

  const reports: RunReport[] = []
  const failures: string[] = []
  // Runs this machine cannot hold: named in the results, not failed.
  const notRun: string[] = []
  for (const scenario of scenarios) {
    const shortfall = openFilesShortfall(scenario.clients.length)
    if (shortfall) {
      notRun.push(`${scenario.name}: ${scenario.description}: ${shortfall}`)
      log(`not run: ${notRun.at(-1)}`)
      continue
    }
    for (const name of options.servers) {
      const target = makeTarget(name, scenario.nodes)
      current = target
      log(
        `${scenario.name} on ${name} (${options.preset}): ${scenario.description}`,
      )
      try {
        const report = await runOne(options, scenario, target, outDir, stamp)
        reports.push(report)
      } catch (error) {
        // One server failing must not cost the others' figures.
        const output = target.output()
        if (output) console.error(`server output:\n${output}`)
        console.error(error instanceof Error ? (error.stack ?? error) : error)
        failures.push(`${scenario.name} on ${name}`)
        await target.stop()
      }
    }
  }

  const sweeps: SweepResult[] = []
  if (options.scenarios.includes('rate-sweep')) {
    for (const name of options.servers) {
      sweeps.push(
        await runSweep(options, name, outDir, stamp, {
          onTarget: (target) => (current = target),
          onReport: (report) => reports.push(report),
          onFailure: (what) => failures.push(what),
        }),
      )
    }
  }

  const storms: StormResult[] = []
  const phases = stormPhases[options.preset]
  if (options.scenarios.includes('reconnect-storm')) {
    for (const name of options.servers) {
      const target = makeTarget(name)
      current = target
      log(`reconnect-storm on ${name}`)
      try {
        const { clients, roomSize, rate, connectBatch } = options.smallRooms
        const storm = await runStorm(
          target,
          { ...phases, clients, roomSize, rate, connectBatch },
          options.pin,
          log,
        )
        storms.push(storm)
        const path = await writeResult(
          outDir,
          `reconnect-storm-${name}`,
          storm.setup.startedAt,
          stormReport(storm, ['bench', ...process.argv.slice(2)].join(' ')),
        )
        log(`report written to ${path}`)
      } catch (error) {
        console.error(error instanceof Error ? (error.stack ?? error) : error)
        failures.push(`reconnect-storm on ${name}`)
        await target.stop()
      }
    }
  }

  const durable = options.scenarios.includes('durable-path')
    ? await runDurableSuite({
        runs: options.durablePath,
        servers: options.servers,
        pin: options.pin,
        outDir,
        stamp,
        command: ['bench', ...process.argv.slice(2)].join(' '),
        onTarget: (target) => (current = target),
        log,
      })
    : { results: [], failures: [] }
  failures.push(...durable.failures)

  if (reports.length > 0) console.log(`\n${markdownTable(reports)}\n`)
  let comparison = comparisonTables(reports)
  if (sweeps.length > 0) {
    comparison += `\n\n### rate-sweep: the highest rate each server sustained\n\n${sweepTable(sweeps)}`
  }
  if (storms.length > 0) {
    comparison += `\n\n### reconnect-storm: ${storms[0]!.clients} clients dropped at once, back within ${phases.spreadSeconds} s\n\n${stormTable(storms)}`
  }
  if (durable.results.length > 0) {
    comparison += `\n\n${durableSection(durable.results)}`
  }
  if (notRun.length > 0) {
    comparison += `\n\n### Not run on this machine\n\n${notRun.map((line) => `- ${line}`).join('\n')}`
  }
  console.log(`${comparison}\n`)
  const comparisonPath = join(outDir, `comparison-${stamp}.md`)
  await writeFormatted(comparisonPath, comparison, 'markdown')
  log(`comparison written to ${comparisonPath}`)
  if (reports.length > 0) {
    // Fixed names: the docs show the charts of the latest run.
    await writeFile(join(outDir, 'latency.svg'), latencyChart(reports))
    await writeFile(join(outDir, 'memory.svg'), memoryChart(reports))
    log(`charts written to ${outDir}/latency.svg and memory.svg`)
  }
  if (sweeps.length > 0) {
    await writeFile(join(outDir, 'rate.svg'), rateChart(sweeps))
    log(`chart written to ${outDir}/rate.svg`)
  }

  if (failures.length > 0) {
    log(`failed: ${failures.join('; ')}`)
    return 1
  }
  return 0
}

/**
 * Small rooms at rising rates on one server, a fresh server per step,
 * until a step fails: the last step that held is its sustained rate.
 */
async function runSweep(
  options: CliOptions,
  name: ServerName,
  outDir: string,
  stamp: string,
  on: {
    onTarget: (target: BenchTarget) => void
    onReport: (report: RunReport) => void
    onFailure: (what: string) => void
  },
): Promise<SweepResult> {
  const preset = sweepPresets[options.preset]
  const sweep: SweepResult = {
    server: name,
    clients: preset.base.clients,
    steps: [],
  }
  for (const rate of preset.rates) {
    const scenario = sweepStep(preset, rate)
    const target = makeTarget(name)
    on.onTarget(target)
    log(`rate-sweep on ${name}: ${scenario.description}`)
    try {
      const report = await runOne(options, scenario, target, outDir, stamp)
      on.onReport(report)
      const verdict = stepVerdict(report)
      sweep.steps.push({ report, verdict })
      if (!verdict.sustained) {
        log(`rate-sweep on ${name} ends at ${rate} msg/s: ${verdict.why}`)
        break
      }
    } catch (error) {
      console.error(error instanceof Error ? (error.stack ?? error) : error)
      on.onFailure(`rate-sweep at ${rate} msg/s per client on ${name}`)
      await target.stop()
      break
    }
  }
  return sweep
}

async function runOne(
  options: CliOptions,
  scenario: Scenario,
  target: BenchTarget,
  outDir: string,
  stamp: string,
): Promise<RunReport> {
  const report = await runScenario({
    scenario,
    target,
    pin: options.pin,
    rawDir: join(outDir, 'raw', stamp, `${scenario.name}-${target.name}`),
    profile: options.profile,
    ...(options.dataDir === undefined ? {} : { dataParent: options.dataDir }),
    sourceAddresses: options.addresses ?? addressesFor(scenario.clients.length),
    command: ['bench', ...process.argv.slice(2)].join(' '),
    log,
  })
  const path = await writeReport(outDir, report)
  printDetails(report)
  log(`report written to ${path}`)
  return report
}

function printDetails(report: RunReport): void {
  const { latencyMs: l, scheduledLatencyMs: s, delivery: d } = report
  console.log(
    [
      `latency ms (send to delivery): p50 ${l.p50} p95 ${l.p95} p99 ${l.p99} p99.9 ${l.p999} max ${l.max} (${l.count} samples)`,
      `latency ms (scheduled send to delivery): p50 ${s.p50} p99 ${s.p99} p99.9 ${s.p999} max ${s.max}`,
      `deliveries: ${d.received} of ${d.expected} expected, ${d.lost} lost in ${d.roomsWithLoss} rooms, ${d.duplicates} duplicates, ${d.unexpected} unexpected${d.lateAtDrainEnd ? ' (still arriving when the drain ended: late, not necessarily lost)' : ''}`,
      `server RSS: ${report.server.rssBeforeKb} kB idle, ${report.server.rssConnectedKb} kB connected, ${report.server.rssAfterKb} kB after traffic`,
      `server storage writes: ${report.server.diskWriteKbPerSecond} kB/s, ${report.server.diskWriteKbPerMessage} kB per message sent`,
      `harness: CPU ${report.harness.cpuPercent}%, event-loop p99 ${report.harness.eventLoopDelayP99Ms} ms, max send lag ${report.harness.maxSendLagMs} ms${report.harness.harnessBound ? ' -- HARNESS-BOUND: figures understate the server' : ''}`,
      `host: ${report.host.busyBeforePercent ?? '?'}% busy before the run, load average ${report.host.loadAverage1m}; ${report.server.nodes ? 'nodes pinned one per CPU (see below)' : `${describeCore('server', report.host.serverCore)}; ${describeCore('harness', report.host.harnessCore)}`}${report.host.contended ? ' -- CONTENDED: other processes used the pinned cores' : ''}`,
      ...describeNodes(report),
      `server counters over the window: ${JSON.stringify(report.server.counters)}`,
      `errors: ${JSON.stringify(report.errors)}, disconnects: ${report.disconnects}`,
      `server log: ${describeLog(report.serverLog)}`,
    ].join('\n'),
  )

  if (report.profile) {
    console.log(`\nserver CPU profile: ${report.profile.file}`)
    console.log('top self time:')
    for (const entry of report.profile.topSelf) {
      console.log(
        `  ${entry.selfPercent.toFixed(1).padStart(5)}%  ${entry.function}  ${entry.location}`,
      )
    }
    console.log('self time by module:')
    for (const entry of report.profile.byModule) {
      console.log(`  ${entry.percent.toFixed(1).padStart(5)}%  ${entry.module}`)
    }
  }
}

/** A server of several nodes: each one, and what shared their CPUs. */
function describeNodes(report: RunReport): string[] {
  const { nodes } = report.server
  if (!nodes) return []
  const shared = report.host.nodeCpus
  return [
    ...nodes.map(
      (node) =>
        `node pid ${node.pid} on CPU ${node.cpus ?? 'any'}: RSS ${node.rssBeforeKb} kB idle, ${node.rssConnectedKb} kB connected; CPU ${node.cpuPercent}% in the window`,
    ),
    `node CPUs ${shared?.cpus.join(',') ?? '?'} together: ${shared?.busyPercent ?? '?'}% busy, ${shared?.otherPercent ?? '?'}% by neither a node nor the harness (engines included)${report.pinning.shared ? `; ${report.pinning.shared}` : ''}`,
  ]
}

function describeLog(log: RunReport['serverLog']): string {
  if (!log) return 'not captured'
  const where = log.file ? ` (${log.file})` : ''
  const first = log.samples[0] ? `; first: ${log.samples[0]}` : ''
  return `${log.warnings} warnings, ${log.errors} errors in ${log.lines} lines${where}${first}`
}

function describeCore(
  name: string,
  core: RunReport['host']['serverCore'],
): string {
  if (!core) return `${name} core not pinned`
  return `${name} CPU ${core.cpu} ${core.busyPercent}% busy, ${core.otherPercent}% by other processes, ${core.stealPercent}% steal`
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error) : error)
    if (error instanceof Error && error.cause) console.error(error.cause)
    process.exit(1)
  },
)

import type {
  StormOptions,
  StormResult,
  StormSetup,
} from '../scenarios/reconnect-storm.js'
import { machineInfo, type MachineInfo } from './machine.js'
import type { SourceRevision } from './source-revision.js'

/** A reconnect storm, as written to bench/results/*.json. */
export interface StormReport {
  /** Bumped when fields change meaning. */
  format: 1
  scenario: 'reconnect-storm'
  startedAt: string
  command: string
  target: { name: string; version: string; revision: SourceRevision | null }
  machine: MachineInfo
  pinning: { server: string | null; harness: string | null }
  options: StormOptions
  result: StormResult
}

/** The storm's figures with how and where they were taken. */
export function stormReport(
  run: StormResult & { setup: StormSetup },
  command: string,
  machine: MachineInfo = machineInfo(),
): StormReport {
  const { setup, ...result } = run
  return {
    format: 1,
    scenario: 'reconnect-storm',
    startedAt: setup.startedAt,
    command,
    target: {
      name: result.server,
      version: result.version,
      revision: setup.revision,
    },
    machine,
    pinning: setup.pinning,
    options: setup.options,
    result,
  }
}

import { parseArgs, type ParseArgsConfig } from 'node:util'
import type { ConfigLayer } from '../config.js'

export type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>

/** Flags every command that touches the stores accepts. */
export const storeFlags = {
  config: { type: 'string', short: 'c' },
  data: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const

export const serverFlags = {
  ...storeFlags,
  port: { type: 'string', short: 'p' },
  host: { type: 'string' },
  'log-level': { type: 'string' },
  'no-demo': { type: 'boolean' },
  'no-sequencer': { type: 'boolean' },
} as const

export function parse<const T extends ParseArgsOptionsConfig>(
  args: string[],
  options: T,
) {
  return parseArgs({ args, options, allowPositionals: true, strict: true })
}

/** The flags that map onto config keys; `--config` names the file. */
export interface ConfigFlags {
  config?: string | undefined
  data?: string | undefined
  port?: string | undefined
  host?: string | undefined
  'log-level'?: string | undefined
  'no-demo'?: boolean | undefined
  'no-sequencer'?: boolean | undefined
}

/** Turns the shared flags into config overrides. */
export function configFromFlags(values: ConfigFlags): ConfigLayer {
  const config: ConfigLayer = {}
  if (values.data !== undefined) config.dataDir = values.data
  if (values.port !== undefined) {
    const port = Number(values.port)
    if (!Number.isInteger(port)) throw new Error('--port must be a number')
    config.port = port
  }
  if (values.host !== undefined) config.host = values.host
  if (values['log-level'] !== undefined) config.logLevel = values['log-level']
  if (values['no-demo']) config.demo = false
  if (values['no-sequencer']) config.sequencer = false
  return config
}

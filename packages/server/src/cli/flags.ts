import { parseArgs, type ParseArgsConfig } from 'node:util'

export type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>
import type { ServerConfig } from '../config.js'

/** Flags every command that touches the stores accepts. */
export const storeFlags = {
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

/** Turns the shared flags into config overrides. */
export function configFromFlags(values: {
  data?: string | undefined
  port?: string | undefined
  host?: string | undefined
  'log-level'?: string | undefined
}): Partial<ServerConfig> {
  const config: Partial<ServerConfig> = {}
  if (values.data !== undefined) config.dataDir = values.data
  if (values.port !== undefined) {
    const port = Number(values.port)
    if (!Number.isInteger(port)) throw new Error('--port must be a number')
    config.port = port
  }
  if (values.host !== undefined) config.host = values.host
  if (values['log-level'] !== undefined) config.logLevel = values['log-level']
  return config
}

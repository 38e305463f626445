import { configFromFile } from '../config-file.js'
import {
  configFromEnv,
  resolveConfig,
  type ConfigLayer,
  type ServerConfig,
} from '../config.js'
import { configFromFlags, type ConfigFlags } from './flags.js'

type Env = Record<string, string | undefined>

export interface LoadConfigOptions {
  /** The command's own defaults, below the file: start serves the demo. */
  base?: ConfigLayer
  /** What the command always is, above the flags: a worker never serves. */
  fixed?: ConfigLayer
  /** @default process.env */
  env?: Env
}

/**
 * A command's config, each layer over the one before: defaults, the
 * command's own defaults, the config file, variables, flags. The file is
 * `--config`, else ALGOCHAT_CONFIG, else none.
 */
export async function loadConfig(
  flags: ConfigFlags,
  options: LoadConfigOptions = {},
): Promise<ServerConfig> {
  const env = options.env ?? process.env
  const path = flags.config ?? (env['ALGOCHAT_CONFIG'] || undefined)
  const file = path === undefined ? {} : await configFromFile(path)

  return resolveConfig(
    options.base ?? {},
    file,
    configFromEnv(env),
    configFromFlags(flags),
    options.fixed ?? {},
  )
}

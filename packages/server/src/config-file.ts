import { readFile } from 'node:fs/promises'
import { Type, type Static } from '@sinclair/typebox'
import { Value, ValueErrorType, type ValueError } from '@sinclair/typebox/value'
import type { ConfigLayer } from './config.js'

const Count = Type.Integer({ minimum: 0 })
const Positive = Type.Integer({ minimum: 1 })
const Rate = Type.Number({ exclusiveMinimum: 0 })
const Text = Type.String({ minLength: 1 })
const strict = { additionalProperties: false }

/**
 * What a config file may set: the keys of ServerConfig, each optional.
 * The gateway switch is left to the command (start or worker) and fault
 * injection to the environment, so a file cannot turn either on by
 * accident.
 */
const ConfigFileSchema = Type.Partial(
  Type.Object({
    port: Type.Integer({ minimum: 0, maximum: 65535 }),
    host: Text,
    dataDir: Text,
    redisUrl: Text,
    kafkaBrokers: Type.Array(Text, { minItems: 1 }),
    mongoUrl: Text,
    postgresUrl: Text,
    kafkaTopic: Text,
    kafkaPartitions: Positive,
    kafkaReplicationFactor: Positive,
    kafkaGroup: Text,
    sequencer: Type.Boolean(),
    demo: Type.Boolean(),
    heartbeatMs: Type.Integer({ minimum: 1_000 }),
    authTimeoutMs: Positive,
    limits: Type.Partial(
      Type.Object({
        maxFrameBytes: Positive,
        maxTextLength: Positive,
        maxSubscriptions: Positive,
        maxPageSize: Positive,
      }),
      strict,
    ),
    maxBufferedBytes: Positive,
    connectionRate: Rate,
    connectionBurst: Positive,
    userCommandRate: Rate,
    userCommandBurst: Positive,
    maxProtocolErrors: Count,
    presenceTtlMs: Positive,
    presenceLimit: Positive,
    guestTokenTtl: Positive,
    trustProxy: Type.Array(Text),
    adminKey: Text,
    logLevel: Text,
  }),
  strict,
)

// Assigning the parsed file to a layer fails to compile when ServerConfig
// and the schema drift apart.
const asLayer = (file: Static<typeof ConfigFileSchema>): ConfigLayer => file

/** Reads and validates a JSON config file. */
export async function configFromFile(path: string): Promise<ConfigLayer> {
  let text: string
  try {
    text = await readFile(path, 'utf8')
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    throw new Error(`Cannot read config file ${path}: ${reason}`, { cause })
  }
  return parseConfigFile(text, path)
}

/**
 * Validates the text of a config file; `source` names it in errors. Every
 * problem is reported at once, each with the key it concerns.
 */
export function parseConfigFile(text: string, source: string): ConfigLayer {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause)
    throw new Error(`Config file ${source} is not valid JSON: ${reason}`, {
      cause,
    })
  }

  const problems = [...Value.Errors(ConfigFileSchema, value)].map(describe)
  if (problems.length > 0) {
    throw new Error(
      `Invalid config file ${source}: ${[...new Set(problems)].join('; ')}`,
    )
  }
  return asLayer(value as Static<typeof ConfigFileSchema>)
}

function describe(error: ValueError): string {
  const key = error.path
    .split('/')
    .slice(1)
    .map((part) => part.replaceAll('~1', '/').replaceAll('~0', '~'))
    .join('.')
  if (key === '') return 'the file must hold a JSON object'
  if (error.type === ValueErrorType.ObjectAdditionalProperties) {
    return `unknown key "${key}"`
  }
  return `"${key}": ${error.message.toLowerCase()}, got ${JSON.stringify(error.value)}`
}

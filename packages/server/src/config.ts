import { defaultLimits, type Limits } from '@algochat/protocol'

/** Everything a server node can be told; see docs/operations.md. */
export interface ServerConfig {
  /** @default 8080 */
  port: number
  /** @default '0.0.0.0' */
  host: string
  /** Directory for the embedded SQLite database and dev app. @default './.algochat' */
  dataDir: string
  /** Scale adapters: each one set replaces its embedded counterpart. */
  redisUrl: string | undefined
  kafkaBrokers: string[] | undefined
  mongoUrl: string | undefined
  postgresUrl: string | undefined
  /** Kafka topic of the message log. @default 'algochat.commands' */
  kafkaTopic: string
  /** Partitions when the topic is created. @default 12 */
  kafkaPartitions: number
  /** Replicas when the topic is created; 3 in production. @default 1 */
  kafkaReplicationFactor: number
  /** Consumer group of the sequencers. @default 'algochat-sequencer' */
  kafkaGroup: string
  /** Run the sequencer in this process. @default true */
  sequencer: boolean
  /** Serve the WebSocket gateway and HTTP API. @default true */
  gateway: boolean
  /** Serve the demo page at / and create a demo app on first start. @default false */
  demo: boolean
  /** Interval clients must ping at, ms. @default 25000 */
  heartbeatMs: number
  /** Time a new socket has to authenticate, ms. @default 10000 */
  authTimeoutMs: number
  limits: Limits
  /** Bytes a socket may have unsent before it is closed. @default 1048576 */
  maxBufferedBytes: number
  /** Frames per second one connection may send, sustained. @default 50 */
  connectionRate: number
  /** Burst above `connectionRate`. @default 100 */
  connectionBurst: number
  /** Commands (send, edit, ...) per second per user on a node. @default 10 */
  userCommandRate: number
  /** @default 30 */
  userCommandBurst: number
  /** Protocol errors a connection may cause before it is closed. @default 20 */
  maxProtocolErrors: number
  /**
   * How long a node's presence entries live without a refresh, ms; a dead
   * node's users go offline within this time. @default 30000
   */
  presenceTtlMs: number
  /**
   * Subscribers a room may have on a node and still hear each member
   * come and go. Past it the node stops writing presence changes for the
   * room (each would go to every subscriber, so filling the room would
   * cost the square of its size), and a subscribe lists at most this many
   * online users. @default 1000
   */
  presenceLimit: number
  /** Guest token lifetime, seconds. @default 3600 */
  guestTokenTtl: number
  /**
   * Addresses or CIDR ranges of the reverse proxies in front of the node.
   * Only a request from one of them has its X-Forwarded-For believed, so
   * a client that reaches the node directly cannot pick its own address
   * for the per-address limits. Empty trusts no proxy.
   * @default ['127.0.0.1', '::1']
   */
  trustProxy: string[]
  /**
   * Operator key for creating apps over HTTP; unset disables that route
   * (the CLI still creates apps).
   */
  adminKey: string | undefined
  /**
   * Fault injection for tests: the process exits abruptly after storing
   * this many sequenced batches, before publishing or committing them.
   */
  crashAfterStoredBatches: number | undefined
  /** pino level. @default 'info' */
  logLevel: string
}

export const defaultConfig: ServerConfig = {
  port: 8080,
  host: '0.0.0.0',
  dataDir: './.algochat',
  redisUrl: undefined,
  kafkaBrokers: undefined,
  mongoUrl: undefined,
  postgresUrl: undefined,
  kafkaTopic: 'algochat.commands',
  kafkaPartitions: 12,
  kafkaReplicationFactor: 1,
  kafkaGroup: 'algochat-sequencer',
  sequencer: true,
  gateway: true,
  demo: false,
  heartbeatMs: 25_000,
  authTimeoutMs: 10_000,
  limits: { ...defaultLimits },
  maxBufferedBytes: 1_048_576,
  connectionRate: 50,
  connectionBurst: 100,
  userCommandRate: 10,
  userCommandBurst: 30,
  maxProtocolErrors: 20,
  presenceTtlMs: 30_000,
  presenceLimit: 1_000,
  guestTokenTtl: 3_600,
  trustProxy: ['127.0.0.1', '::1'],
  adminKey: undefined,
  crashAfterStoredBatches: undefined,
  logLevel: 'info',
}

/**
 * One source of settings (file, variables, flags): any subset, limits
 * included, so a later layer replaces only the keys it sets.
 */
export type ConfigLayer = Omit<Partial<ServerConfig>, 'limits'> & {
  limits?: Partial<Limits>
}

type Env = Record<string, string | undefined>

type NumericKey = {
  [K in keyof ServerConfig]: ServerConfig[K] extends number ? K : never
}[keyof ServerConfig]

/** Every numeric setting can be tuned by an ALGOCHAT_* variable. */
const numericVariables: [string, NumericKey][] = [
  ['ALGOCHAT_KAFKA_PARTITIONS', 'kafkaPartitions'],
  ['ALGOCHAT_KAFKA_REPLICATION', 'kafkaReplicationFactor'],
  ['ALGOCHAT_HEARTBEAT_MS', 'heartbeatMs'],
  ['ALGOCHAT_AUTH_TIMEOUT_MS', 'authTimeoutMs'],
  ['ALGOCHAT_MAX_BUFFERED_BYTES', 'maxBufferedBytes'],
  ['ALGOCHAT_CONNECTION_RATE', 'connectionRate'],
  ['ALGOCHAT_CONNECTION_BURST', 'connectionBurst'],
  ['ALGOCHAT_USER_COMMAND_RATE', 'userCommandRate'],
  ['ALGOCHAT_USER_COMMAND_BURST', 'userCommandBurst'],
  ['ALGOCHAT_MAX_PROTOCOL_ERRORS', 'maxProtocolErrors'],
  ['ALGOCHAT_GUEST_TOKEN_TTL', 'guestTokenTtl'],
  ['ALGOCHAT_PRESENCE_TTL_MS', 'presenceTtlMs'],
  ['ALGOCHAT_PRESENCE_LIMIT', 'presenceLimit'],
]

const limitVariables: [string, keyof Limits][] = [
  ['ALGOCHAT_MAX_FRAME_BYTES', 'maxFrameBytes'],
  ['ALGOCHAT_MAX_TEXT_LENGTH', 'maxTextLength'],
  ['ALGOCHAT_MAX_SUBSCRIPTIONS', 'maxSubscriptions'],
  ['ALGOCHAT_MAX_PAGE_SIZE', 'maxPageSize'],
]

/** Reads the ALGOCHAT_* and engine URL variables over the defaults. */
export function configFromEnv(env: Env = process.env): ConfigLayer {
  const config: ConfigLayer = {}
  const number = (name: string) => {
    const raw = env[name]
    if (raw === undefined || raw === '') return undefined
    const value = Number(raw)
    if (!Number.isFinite(value)) throw new Error(`${name} must be a number`)
    return value
  }

  const port = number('PORT') ?? number('ALGOCHAT_PORT')
  if (port !== undefined) config.port = port
  if (env['ALGOCHAT_HOST']) config.host = env['ALGOCHAT_HOST']
  if (env['ALGOCHAT_DATA']) config.dataDir = env['ALGOCHAT_DATA']
  if (env['REDIS_URL']) config.redisUrl = env['REDIS_URL']
  if (env['KAFKA_BROKERS']) {
    config.kafkaBrokers = env['KAFKA_BROKERS'].split(',').map((s) => s.trim())
  }
  if (env['MONGO_URL']) config.mongoUrl = env['MONGO_URL']
  if (env['POSTGRES_URL']) config.postgresUrl = env['POSTGRES_URL']
  if (env['ALGOCHAT_KAFKA_TOPIC'])
    config.kafkaTopic = env['ALGOCHAT_KAFKA_TOPIC']
  if (env['ALGOCHAT_KAFKA_GROUP'])
    config.kafkaGroup = env['ALGOCHAT_KAFKA_GROUP']
  if (env['ALGOCHAT_ADMIN_KEY']) config.adminKey = env['ALGOCHAT_ADMIN_KEY']
  // Set but empty is meaningful here: trust no proxy at all.
  const proxies = env['ALGOCHAT_TRUST_PROXY']
  if (proxies !== undefined) {
    config.trustProxy = proxies
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s.length > 0)
  }
  const crashAfter = number('ALGOCHAT_FAULT_CRASH_AFTER_STORED_BATCHES')
  if (crashAfter !== undefined) config.crashAfterStoredBatches = crashAfter
  if (env['ALGOCHAT_LOG_LEVEL']) config.logLevel = env['ALGOCHAT_LOG_LEVEL']

  for (const [name, key] of numericVariables) {
    const value = number(name)
    if (value !== undefined) config[key] = value
  }
  const limits: Partial<Limits> = {}
  for (const [name, key] of limitVariables) {
    const value = number(name)
    if (value !== undefined) limits[key] = value
  }
  if (Object.keys(limits).length > 0) config.limits = limits
  return config
}

/** Merges layers over the defaults and checks the result once. */
export function resolveConfig(...layers: ConfigLayer[]): ServerConfig {
  const config: ServerConfig = {
    ...defaultConfig,
    limits: { ...defaultLimits },
  }
  for (const layer of layers) {
    Object.assign(config, layer, {
      limits: { ...config.limits, ...layer.limits },
    })
  }

  if (
    !Number.isInteger(config.port) ||
    config.port < 0 ||
    config.port > 65535
  ) {
    throw new Error(`port must be 0-65535, got ${config.port}`)
  }
  if (config.heartbeatMs < 1_000) throw new Error('heartbeatMs must be >= 1000')
  return config
}

/** The config as printed on start: URLs without their passwords. */
export function describeConfig(config: ServerConfig): Record<string, unknown> {
  const redact = (url: string | undefined) =>
    url?.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@')
  return {
    port: config.port,
    host: config.host,
    dataDir: config.dataDir,
    bus: config.redisUrl ? `redis ${redact(config.redisUrl)}` : 'in-process',
    log: config.kafkaBrokers
      ? `kafka ${config.kafkaBrokers.join(',')} topic ${config.kafkaTopic}`
      : 'in-process',
    messages: config.mongoUrl ? `mongodb ${redact(config.mongoUrl)}` : 'sqlite',
    accounts: config.postgresUrl
      ? `postgres ${redact(config.postgresUrl)}`
      : 'sqlite',
    sequencer: config.sequencer,
    gateway: config.gateway,
    demo: config.demo,
  }
}

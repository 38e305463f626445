import { parseArgs } from 'node:util'
import { minPayloadBytes } from '../measure/payload.js'
import { parseScenarios, type ScenarioName } from '../scenarios/catalog.js'
import {
  durablePathRuns,
  parseRates,
  type DurablePathOptions,
} from '../scenarios/durable-path.js'
import {
  smallRoomsPresets,
  type SmallRoomsOptions,
} from '../scenarios/small-rooms.js'

export const usage = `algochat bench [options]

Runs a load scenario against a server started as a child process and
reports delivered messages per second, end-to-end latency, loss,
duplicates, server memory per connection and deliveries per server
CPU-second. Results go to bench/results/ as JSON; a table is printed.

  --full                 the large preset (10000 clients, 60 s window)
  --scenario <name>      idle-capacity, small-rooms, rate-sweep (small
                         rooms at rising rates until p99 passes 200 ms
                         or a message is lost), large-room,
                         reconnect-storm (churn, then every client
                         dropped at once; sized by the small-rooms
                         flags), two-nodes (small rooms on two nodes
                         of each server over the engines; sized by the
                         small-rooms flags), durable-path (Algochat
                         only, on the engines: send to accepted, to
                         ack and to MongoDB at 1000 and 5000 msg/s;
                         --clients, --room-size, the phase flags and
                         --durable-rates size it) or all (default), or
                         a comma-separated list. pnpm bench brings
                         the engines up for the last two.
  --server <name>        algochat, socketio, centrifugo or all (default):
                         each runs the same scenario in turn
  --clients <n>          small-rooms: clients, a multiple of --room-size
  --room-size <n>        small-rooms: members per room
  --rate <n>             small-rooms: messages per second per client
  --durable-rates <list> durable-path: offered msg/s, all clients
                         together, comma-separated (default 1000,5000)
  --payload-bytes <n>    message size (>= ${minPayloadBytes})
  --warmup <s>           seconds of traffic before measuring
  --duration <s>         seconds measured
  --drain <s>            longest wait for in-flight messages
  --batch <n>            clients connecting at once
  --addresses <n>        127.0.0.x source addresses (default: 1 per 1000)
  --data-dir <dir>       where the server's data directory is made
                         (default: the OS temp dir; /dev/shm takes the
                         disk out of the measurement)
  --profile              record a server CPU profile and summarise it
  --no-pin               do not pin server and harness to cores 0 and 1
                         (two-nodes: node a on core 0, node b on 1, the
                         harness and engines unpinned beside them)
  --out <dir>            results directory (default bench/results)
  -h, --help             this text`

export const serverNames = ['algochat', 'socketio', 'centrifugo'] as const
export type ServerName = (typeof serverNames)[number]

export interface CliOptions {
  scenarios: ScenarioName[]
  /** Servers to run, Algochat first when present. */
  servers: ServerName[]
  preset: 'quick' | 'full'
  smallRooms: SmallRoomsOptions
  /** The durable-path runs: its preset under the flags given. */
  durablePath: DurablePathOptions[]
  /** Source addresses; undefined sizes them to each scenario. */
  addresses: number | undefined
  dataDir: string | undefined
  profile: boolean
  pin: boolean
  out: string | undefined
  help: boolean
}

export function parseOptions(args: string[]): CliOptions {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      full: { type: 'boolean', default: false },
      scenario: { type: 'string', default: 'all' },
      server: { type: 'string', default: 'all' },
      clients: { type: 'string' },
      'room-size': { type: 'string' },
      rate: { type: 'string' },
      'durable-rates': { type: 'string' },
      'payload-bytes': { type: 'string' },
      warmup: { type: 'string' },
      duration: { type: 'string' },
      drain: { type: 'string' },
      batch: { type: 'string' },
      addresses: { type: 'string' },
      'data-dir': { type: 'string' },
      profile: { type: 'boolean', default: false },
      'no-pin': { type: 'boolean', default: false },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })

  const scenarios = parseScenarios(values.scenario)
  const servers = parseServers(values.server)

  const preset = values.full ? 'full' : 'quick'
  const base = smallRoomsPresets[preset]
  const smallRooms: SmallRoomsOptions = {
    clients: integer('clients', values.clients, 1) ?? base.clients,
    roomSize: integer('room-size', values['room-size'], 1) ?? base.roomSize,
    rate: positive('rate', values.rate) ?? base.rate,
    payloadBytes:
      integer('payload-bytes', values['payload-bytes'], minPayloadBytes) ??
      base.payloadBytes,
    warmupSeconds: positive('warmup', values.warmup) ?? base.warmupSeconds,
    durationSeconds:
      positive('duration', values.duration) ?? base.durationSeconds,
    drainSeconds: positive('drain', values.drain) ?? base.drainSeconds,
    connectBatch: integer('batch', values.batch, 1) ?? base.connectBatch,
  }

  // Only the sizes actually given: the durable path has its own preset.
  const durablePath = durablePathRuns(
    preset,
    {
      clients: integer('clients', values.clients, 1),
      roomSize: integer('room-size', values['room-size'], 1),
      payloadBytes: integer(
        'payload-bytes',
        values['payload-bytes'],
        minPayloadBytes,
      ),
      warmupSeconds: positive('warmup', values.warmup),
      durationSeconds: positive('duration', values.duration),
      drainSeconds: positive('drain', values.drain),
      connectBatch: integer('batch', values.batch, 1),
    },
    values['durable-rates'] === undefined
      ? undefined
      : parseRates(values['durable-rates']),
  )

  return {
    scenarios,
    servers,
    preset,
    smallRooms,
    durablePath,
    addresses: integer('addresses', values.addresses, 1),
    dataDir: values['data-dir'],
    profile: values.profile,
    pin: !values['no-pin'],
    out: values.out,
    help: values.help,
  }
}

function integer(
  name: string,
  raw: string | undefined,
  min: number,
): number | undefined {
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`--${name} must be an integer >= ${min}, got "${raw}"`)
  }
  return value
}

function positive(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined
  const value = Number(raw)
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`--${name} must be a positive number, got "${raw}"`)
  }
  return value
}

/** `all`, one name, or a comma-separated list. */
export function parseServers(raw: string): ServerName[] {
  if (raw === 'all') return [...serverNames]
  const names = raw.split(',').map((name) => name.trim())
  for (const name of names) {
    if (!(serverNames as readonly string[]).includes(name)) {
      throw new Error(
        `unknown server "${name}"; try ${serverNames.join(', ')} or all`,
      )
    }
  }
  return serverNames.filter((name) => names.includes(name))
}

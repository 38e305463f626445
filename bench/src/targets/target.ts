import type { Driver } from '../drivers/driver.js'
import type { SourceRevision } from '../report/source-revision.js'
import type { ServerLogSummary } from './server-log.js'

/**
 * A server under test: how to run it, how to set up the rooms a
 * scenario needs, and which driver speaks its protocol. Peer servers
 * (Socket.IO, Centrifugo) become comparable by implementing this.
 */
export interface Target {
  /** Name for reports, e.g. 'algochat'. */
  readonly name: string

  /** Starts the server process; resolves when it accepts clients. */
  start(options: TargetStartOptions): Promise<RunningServer>

  /**
   * Creates the rooms and memberships of `layout` the fastest way the
   * server offers (admin APIs rather than client round trips).
   */
  provision(
    layout: RoomLayout,
    onProgress: (done: number, total: number) => void,
  ): Promise<void>

  /** The driver for the running server's client protocol. */
  driver(): Driver

  /**
   * The server's own cumulative counters by short name (accepted,
   * delivered, ...), read from whatever it exposes; empty when it
   * exposes nothing or does not answer.
   */
  counters(): Promise<Record<string, number>>

  /** Warnings and errors the server printed so far. */
  log(): ServerLogSummary | null

  /** Stops the server and waits for it to exit (and write profiles). */
  stop(): Promise<void>
}

export interface TargetStartOptions {
  /**
   * CPU list for taskset, e.g. '0'; undefined leaves the server free. A
   * target of several nodes gives each node one entry of the list.
   */
  cpus: string | undefined
  /** Directory to write a V8 CPU profile into; undefined for none. */
  cpuProfileDir: string | undefined
  /** Working directory for the server's data; removed by the caller. */
  dataDir: string
  /** File to copy the server's output to; none if unset. */
  logFile: string | undefined
}

export interface RunningServer {
  /** The process whose memory and CPU the report measures. */
  pid: number
  /** Base URL of the server, e.g. 'http://127.0.0.1:41234'. */
  url: string
  /**
   * Every node of a server run as several processes, the first being
   * `pid` and `url`; the report sums them. Absent for one process.
   */
  nodes?: readonly ServerNode[]
  /** Server name and version for the report. */
  version: string
  /** The source revision it was built from, when known. */
  revision: SourceRevision | null
}

export interface ServerNode {
  pid: number
  url: string
  /** CPU list the node is pinned to; undefined when it runs free. */
  cpus: string | undefined
}

/** The nodes of a running server: itself when it is one process. */
export function serverNodes(
  server: RunningServer,
  cpus: string | undefined,
): readonly ServerNode[] {
  return server.nodes ?? [{ pid: server.pid, url: server.url, cpus }]
}

export interface RoomLayout {
  rooms: RoomSpec[]
}

export interface RoomSpec {
  id: string
  /** User ids; the first one owns the room. */
  members: string[]
}

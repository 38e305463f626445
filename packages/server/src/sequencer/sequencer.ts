import { randomUUID } from 'node:crypto'
import type { RoomEvent } from '@algochat/protocol'
import type { Logger } from 'pino'
import { roomChannel, type RoomBusMessage } from '../delivery/bus-messages.js'
import type { Metrics } from '../observability/metrics.js'
import type { FanoutBus } from '../ports/fanout-bus.js'
import type { LogCommand } from '../ports/message-log.js'
import type { AppEvent, MessageStore } from '../ports/message-store.js'
import { eventFromCommand } from './event-from-command.js'
import { roomKey } from './room-key.js'

interface RoomBatch {
  app: string
  room: string
  commands: LogCommand[]
}

export interface SequencerDeps {
  store: MessageStore
  bus: FanoutBus
  logger: Logger
  metrics: Metrics
  /**
   * Runs after each batch is stored and before it is published: the
   * place where a crash leaves stored events whose log offsets are not
   * committed. Fault-injection tests use it; production leaves it unset.
   */
  afterStore?: () => void
}

/**
 * The single owner of each room's order. For every batch the log hands
 * over it assigns the next seqs, turns repeated (user, clientId) pairs
 * back into the events already stored, writes the new events in one
 * batch, publishes each room's events, and only then lets the log commit.
 * A crash at any step replays the batch; the store's unique keys and the
 * clientId lookup make the replay harmless.
 */
export class Sequencer {
  readonly #deps: SequencerDeps
  /** Highest seq stored per room; rebuilt from the store when missing. */
  readonly #lastSeq = new Map<string, number>()

  constructor(deps: SequencerDeps) {
    this.#deps = deps
  }

  /** Forgets every counter: another sequencer may have owned the rooms. */
  reset(): void {
    this.#lastSeq.clear()
  }

  readonly handle = async (batch: readonly LogCommand[]): Promise<void> => {
    const rooms = groupByRoom(batch)
    await this.#loadCounters(rooms)

    const fresh: AppEvent[] = []
    const published = new Map<RoomBatch, RoomEvent[]>()
    const counters = new Map<string, number>()
    // Rooms are independent, so their clientId lookups run together; each
    // room still appends its own events to `fresh` in seq order.
    await Promise.all(
      rooms.map(async (room) => {
        published.set(room, await this.#sequenceRoom(room, fresh, counters))
      }),
    )

    try {
      await this.#deps.store.writeBatch(fresh)
    } catch (error) {
      // Part of the batch may have landed (a lost reply, a store without
      // transactions): the rooms' counters are re-read from the store on
      // the replay rather than trusted.
      for (const key of counters.keys()) this.#lastSeq.delete(key)
      this.#deps.logger.error(
        { err: error, events: fresh.length },
        'storing a sequenced batch failed; it will be replayed',
      )
      throw error
    }

    for (const [key, seq] of counters) this.#lastSeq.set(key, seq)
    this.#count(batch.length, fresh)
    this.#deps.afterStore?.()

    await Promise.all(
      [...published].map(([room, events]) => this.#publish(room, events)),
    )
  }

  async #loadCounters(rooms: RoomBatch[]): Promise<void> {
    const missing = new Map<string, string[]>()
    for (const { app, room } of rooms) {
      if (this.#lastSeq.has(roomKey(app, room))) continue
      const list = missing.get(app) ?? []
      list.push(room)
      missing.set(app, list)
    }

    for (const [app, list] of missing) {
      const stored = await this.#deps.store.lastSeqs(app, list)
      for (const room of list) {
        this.#lastSeq.set(roomKey(app, room), stored.get(room) ?? 0)
      }
    }
  }

  /**
   * Decides each command's event. New seqs are counted in `counters` and
   * only become the room's counter once the batch is stored, so a failed
   * write leaves no hole.
   */
  async #sequenceRoom(
    { app, room, commands }: RoomBatch,
    fresh: AppEvent[],
    counters: Map<string, number>,
  ): Promise<RoomEvent[]> {
    const stored = await this.#deps.store.findByClientIds(
      app,
      room,
      commands.map(({ user, clientId }) => ({ user, clientId })),
    )
    const known = new Map<string, RoomEvent>()
    for (const { app: _app, ...event } of stored) {
      known.set(`${event.user}|${event.clientId}`, event as RoomEvent)
    }

    const key = roomKey(app, room)
    let seq = this.#lastSeq.get(key) ?? 0
    const now = Date.now()
    const events: RoomEvent[] = []
    for (const command of commands) {
      const dedupeKey = `${command.user}|${command.clientId}`
      const existing = known.get(dedupeKey)
      if (existing) {
        // A stored event beyond the cached counter means the counter is
        // stale; never hand out a seq that is already taken.
        seq = Math.max(seq, existing.seq)
        if (!events.includes(existing)) events.push(existing)
        continue
      }

      seq += 1
      const event = eventFromCommand(command, randomUUID(), seq, now)
      known.set(dedupeKey, event)
      events.push(event)
      fresh.push({ ...event, app })
    }

    counters.set(key, seq)
    return events
  }

  async #publish(room: RoomBatch, events: RoomEvent[]): Promise<void> {
    if (events.length === 0) return
    const message: RoomBusMessage = { t: 'events', events }

    // The events are stored; a lost publish only delays delivery until
    // clients fill the gap from history, so it must not fail the batch.
    try {
      await this.#deps.bus.publish(
        roomChannel(room.app, room.room),
        JSON.stringify(message),
      )
    } catch (error) {
      this.#deps.logger.warn(
        { err: error, app: room.app, room: room.room },
        'publishing events failed; clients will fill the gap from history',
      )
    }
  }

  #count(commands: number, fresh: AppEvent[]): void {
    const { metrics } = this.#deps
    metrics.batchSize.observe(commands)
    metrics.duplicates.inc(commands - fresh.length)
    for (const event of fresh) metrics.sequenced.inc({ kind: event.kind })
  }
}

function groupByRoom(batch: readonly LogCommand[]): RoomBatch[] {
  const rooms = new Map<string, RoomBatch>()
  for (const command of batch) {
    const key = roomKey(command.app, command.room)
    let room = rooms.get(key)
    if (!room) {
      room = { app: command.app, room: command.room, commands: [] }
      rooms.set(key, room)
    }
    room.commands.push(command)
  }
  return [...rooms.values()]
}

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

/** What a batch becomes: new events, each room's events, new counters. */
interface Plan {
  fresh: AppEvent[]
  published: Map<RoomBatch, RoomEvent[]>
  counters: Map<string, number>
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
 * over it assigns the next seqs, writes the new events in one batch,
 * publishes each room's events, and only then lets the log commit. A
 * repeated (user, clientId) pair becomes the event already stored; the
 * store's unique keys find such pairs at the write, and the clientId
 * lookup then tells which events they are. A crash at any step replays
 * the batch, which the same two make harmless.
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

    // Nearly every command is new, so the batch is first stored as if
    // all were, with no lookup. The store refuses it at the first event
    // that collides with a stored one (a repeated command, or a batch
    // replayed after a crash), keeping at most what came before; only
    // then are the rooms' stored events looked up, and the batch is
    // sequenced again around them.
    let plan = this.#plan(rooms, new Map())
    const stored = await this.#store(plan, (events) =>
      this.#deps.store.insertNew(events),
    )
    if (!stored) {
      // The collision may also be a seq another owner took, so nothing
      // cached is trusted on this path.
      this.#forget(rooms)
      await this.#loadCounters(rooms)
      plan = this.#plan(rooms, await this.#storedEvents(rooms))
      await this.#store(plan, (events) => this.#deps.store.writeBatch(events))
    }

    for (const [key, seq] of plan.counters) this.#lastSeq.set(key, seq)
    this.#count(batch.length, plan.fresh)
    this.#deps.afterStore?.()

    await Promise.all(
      [...plan.published].map(([room, events]) => this.#publish(room, events)),
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

  #forget(rooms: readonly RoomBatch[]): void {
    for (const { app, room } of rooms) this.#lastSeq.delete(roomKey(app, room))
  }

  /**
   * Runs a write of the plan's new events and answers what it answers:
   * false when `insertNew` refused them.
   */
  async #store<T>(
    plan: Plan,
    write: (events: readonly AppEvent[]) => Promise<T>,
  ): Promise<T> {
    try {
      return await write(plan.fresh)
    } catch (error) {
      // Part of the batch may have landed (a lost reply, a store without
      // transactions): the rooms' counters are re-read from the store on
      // the replay rather than trusted.
      for (const key of plan.counters.keys()) this.#lastSeq.delete(key)
      this.#deps.logger.error(
        { err: error, events: plan.fresh.length },
        'storing a sequenced batch failed; it will be replayed',
      )
      throw error
    }
  }

  /**
   * The events already stored for the batch's commands, by dedup key.
   * Rooms are independent, so their lookups run together.
   */
  async #storedEvents(rooms: RoomBatch[]): Promise<Map<string, RoomEvent>> {
    const known = new Map<string, RoomEvent>()
    const found = await Promise.all(
      rooms.map(({ app, room, commands }) =>
        this.#deps.store.findByClientIds(
          app,
          room,
          commands.map(({ user, clientId }) => ({ user, clientId })),
        ),
      ),
    )
    for (const { app, ...event } of found.flat()) {
      known.set(dedupeKey(app, event.room, event.user, event.clientId), event)
    }
    return known
  }

  /**
   * Decides each command's event from the rooms' counters and the events
   * known to be stored. New seqs are counted in the plan and only become
   * the rooms' counters once the batch is stored, so a failed write
   * leaves no hole. Each room's new events are in seq order, rooms one
   * after another, as `insertNew` needs them.
   */
  #plan(rooms: RoomBatch[], stored: Map<string, RoomEvent>): Plan {
    const plan: Plan = { fresh: [], published: new Map(), counters: new Map() }
    const known = new Map(stored)
    const now = Date.now()

    for (const batch of rooms) {
      const { app, room, commands } = batch
      const key = roomKey(app, room)
      let seq = this.#lastSeq.get(key) ?? 0
      const events: RoomEvent[] = []

      for (const command of commands) {
        const dedupe = dedupeKey(app, room, command.user, command.clientId)
        const existing = known.get(dedupe)
        if (existing) {
          // A stored event beyond the cached counter means the counter is
          // stale; never hand out a seq that is already taken.
          seq = Math.max(seq, existing.seq)
          if (!events.includes(existing)) events.push(existing)
          continue
        }

        seq += 1
        const event = eventFromCommand(command, randomUUID(), seq, now)
        known.set(dedupe, event)
        events.push(event)
        plan.fresh.push({ ...event, app })
      }

      plan.counters.set(key, seq)
      plan.published.set(batch, events)
    }
    return plan
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

function dedupeKey(
  app: string,
  room: string,
  user: string,
  clientId: string,
): string {
  return JSON.stringify([app, room, user, clientId])
}

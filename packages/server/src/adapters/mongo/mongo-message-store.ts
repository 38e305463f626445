import type { RoomEvent, StoredMessage } from '@algochat/protocol'
import { MongoClient } from 'mongodb'
import type { Collection, Db, Filter, MongoClientOptions } from 'mongodb'

import type { AppEvent, MessageStore, Page } from '../../ports/index.js'
import { databaseName } from './database-name.js'
import { EventBatchWriter } from './event-batch-writer.js'
import { eventId, toRoomEvent, toStoredMessage } from './event-document.js'
import type { EventDocument } from './event-document.js'
import { eventIndexes } from './event-indexes.js'

/**
 * Driver settings the store relies on, under any the caller passes.
 * While MongoDB is away every call must fail within seconds rather than
 * wait, so the sequencer retries its batch and readers get an error. A
 * server that accepts connections but stops answering is cut off by the
 * socket timeout instead; every write here is safe to repeat.
 */
const clientDefaults: MongoClientOptions = {
  serverSelectionTimeoutMS: 3_000,
  connectTimeoutMS: 3_000,
  socketTimeoutMS: 30_000,
}

/**
 * Lookups sent at once by lastSeqs and findByClientIds, to leave
 * connections for writes.
 */
const probesAtOnce = 32

/**
 * Message store on MongoDB: one `events` collection, one document per
 * sequenced event, message documents kept in their current state (see
 * EventDocument). Tested against FerretDB, so it sticks to what both
 * implement; each place that avoids a MongoDB feature says so.
 */
export class MongoMessageStore implements MessageStore {
  readonly #client: MongoClient
  readonly #db: Db
  readonly #events: Collection<EventDocument>
  readonly #writer: EventBatchWriter
  #closed = false

  private constructor(client: MongoClient, db: Db) {
    this.#client = client
    this.#db = db
    this.#events = db.collection<EventDocument>('events')
    this.#writer = new EventBatchWriter(this.#events)
  }

  /**
   * Connects to the database named in the URL path (`algochat` when the
   * URL names none). Rejects when no server answers within the server
   * selection timeout, so a wrong URL shows at startup.
   */
  static async connect(
    url: string,
    options: MongoClientOptions = {},
  ): Promise<MongoMessageStore> {
    const client = new MongoClient(url, { ...clientDefaults, ...options })

    try {
      await client.connect()
    } catch (error) {
      await client.close()
      throw error
    }

    return new MongoMessageStore(client, client.db(databaseName(url)))
  }

  async migrate(): Promise<void> {
    // Creating an index that exists with the same keys and options is a
    // no-op, so this runs at every start. One index per command: given
    // several that all exist already, FerretDB drops the connection.
    for (const index of eventIndexes) {
      await this.#events.createIndexes([index])
    }
  }

  async lastSeqs(
    app: string,
    rooms: readonly string[],
  ): Promise<Map<string, number>> {
    const seqs = new Map<string, number>()

    // One newest-first probe per room, each a single step down the
    // (app, room, seq) index. A grouped $max in one aggregate would read
    // every event of the rooms, and FerretDB has no $max (nor $first) in
    // $group anyway.
    const unique = [...new Set(rooms)]

    for (let start = 0; start < unique.length; start += probesAtOnce) {
      const chunk = unique.slice(start, start + probesAtOnce)
      const newest = await Promise.all(
        chunk.map((room) =>
          this.#events.findOne<{ seq: number }>(
            { app, room },
            { sort: { seq: -1 }, projection: { _id: 0, seq: 1 } },
          ),
        ),
      )

      chunk.forEach((room, index) => {
        const document = newest[index]

        if (document !== null && document !== undefined) {
          seqs.set(room, document.seq)
        }
      })
    }

    return seqs
  }

  async findByClientIds(
    app: string,
    room: string,
    keys: readonly { user: string; clientId: string }[],
  ): Promise<AppEvent[]> {
    if (keys.length === 0) {
      return []
    }

    // One `_id` lookup per key rather than one query for all: FerretDB
    // serves only a plain `_id` equality from its index, not `$in`.
    const documents: EventDocument[] = []

    for (let start = 0; start < keys.length; start += probesAtOnce) {
      const found = await Promise.all(
        keys
          .slice(start, start + probesAtOnce)
          .map(({ user, clientId }) =>
            this.#events.findOne({ _id: eventId(app, room, user, clientId) }),
          ),
      )

      for (const document of found) {
        if (document !== null) documents.push(document)
      }
    }

    documents.sort((a, b) => a.seq - b.seq)

    // The sequencer looks these up to skip commands already stored, as
    // when it retries a batch whose write failed after the insert. Any
    // edit, delete or reaction among them whose effect never landed gets
    // it now, since the sequencer will not write those events again.
    await this.#writer.settle(documents)

    return documents.map((document) => ({ ...toRoomEvent(document), app }))
  }

  async writeBatch(events: readonly AppEvent[]): Promise<void> {
    await this.#writer.write(events)
  }

  async insertNew(events: readonly AppEvent[]): Promise<boolean> {
    return events.length === 0 ? true : this.#writer.writeNew(events)
  }

  async getMessage(
    app: string,
    room: string,
    id: string,
  ): Promise<StoredMessage | null> {
    const document = await this.#events.findOne({
      app,
      room,
      kind: 'message',
      id,
    })

    return document === null ? null : toStoredMessage(document)
  }

  async history(
    app: string,
    room: string,
    before: number | undefined,
    limit: number,
  ): Promise<Page<StoredMessage>> {
    const filter: Filter<EventDocument> = { app, room, kind: 'message' }

    if (before !== undefined) {
      filter.seq = { $lt: before }
    }

    // Newest first to take the page next to `before`, one extra document
    // to learn whether older messages exist, then flipped to reading
    // order.
    const documents = await this.#events
      .find(filter)
      .sort({ seq: -1 })
      .limit(pageSize(limit))
      .toArray()

    const page = documents.slice(0, limit).reverse()

    return {
      items: page.map(toStoredMessage),
      more: documents.length > limit,
    }
  }

  async replay(
    app: string,
    room: string,
    after: number,
    limit: number,
  ): Promise<Page<RoomEvent>> {
    const documents = await this.#events
      .find({ app, room, seq: { $gt: after } })
      .sort({ seq: 1 })
      .limit(pageSize(limit))
      .toArray()

    return {
      items: documents.slice(0, limit).map(toRoomEvent),
      more: documents.length > limit,
    }
  }

  async unreadCounts(
    app: string,
    marks: readonly { room: string; after: number }[],
    cap: number,
  ): Promise<Map<string, number>> {
    const counts = new Map(marks.map(({ room }) => [room, 0]))

    if (marks.length === 0 || cap <= 0) {
      return counts
    }

    // One aggregate for every room. Unlike the SQLite store it cannot
    // stop a room's count at the cap: that needs a limit per room, which
    // takes $facet or $unionWith, and FerretDB has neither. MongoDB can
    // count from the (app, room, kind, seq) index alone, so a member far
    // behind in a busy room costs an index range, not documents.
    const rows = await this.#events
      .aggregate<{ _id: string; unread: number }>([
        {
          $match: {
            app,
            kind: 'message',
            $or: marks.map(({ room, after }) => ({
              room,
              seq: { $gt: after },
            })),
          },
        },
        { $group: { _id: '$room', unread: { $sum: 1 } } },
      ])
      .toArray()

    for (const row of rows) {
      counts.set(row._id, Math.min(row.unread, cap))
    }

    return counts
  }

  async eraseUser(app: string, user: string): Promise<number> {
    const result = await this.#events.updateMany(
      {
        app,
        user,
        kind: { $in: ['message', 'edit'] },
        text: { $ne: '' },
      },
      { $set: { text: '' } },
    )

    return result.modifiedCount
  }

  async deleteRoom(app: string, room: string): Promise<void> {
    await this.#events.deleteMany({ app, room })
  }

  async ping(): Promise<boolean> {
    // A closed client reconnects on its next command; a closed store
    // must stay closed.
    if (this.#closed) {
      return false
    }

    try {
      await this.#db.command({ ping: 1 })
      return true
    } catch {
      return false
    }
  }

  async close(): Promise<void> {
    this.#closed = true
    await this.#client.close()
  }
}

/** Page size plus one, to learn whether more items exist. */
function pageSize(limit: number): number {
  return Math.max(limit, 0) + 1
}

import { MongoBulkWriteError } from 'mongodb'
import type {
  AnyBulkWriteOperation,
  Collection,
  Filter,
  UpdateFilter,
} from 'mongodb'

import type { AppEvent } from '../../ports/index.js'
import { toEventDocument } from './event-document.js'
import type { EventDocument } from './event-document.js'
import { applyEffect } from './message-effects.js'
import type { MessageField, MessageState } from './message-effects.js'

/** MongoDB's duplicate key error. */
const duplicateKey = 11000

/**
 * Updates per bulkWrite call. FerretDB fails an update command of more
 * than 64 statements (and has been seen to stop answering after one), so
 * a batch touching many messages takes a few round trips instead of one.
 */
const updatesPerWrite = 50

/** Documents per ordered insert of `writeNew`; FerretDB's batch size. */
const insertsPerWrite = 100

type Operation = AnyBulkWriteOperation<EventDocument>

/** A message document as the effects step reads it. */
type TargetMessage = Pick<EventDocument, '_id' | 'app' | 'room' | 'id'> &
  MessageState

/**
 * Writes sequenced events in a few round trips: one unordered insertMany
 * for the whole batch; when it holds edits, deletes or reactions, one
 * read of the messages they target, then ordered bulkWrites that store
 * each changed message once.
 *
 * The effects are computed in memory, in seq order, over the messages as
 * read. The sequencer is the only writer of a room, so nothing changes a
 * message between that read and the write; erasures may, which is why
 * only the fields an effect set are written back.
 *
 * Without a transaction the insert and the effects can be split by a
 * crash or a lost reply, and the retry then finds the events stored. So
 * each message records the seq of the last effect applied to it
 * (`appliedSeq`), and stored events met again, as duplicates here or by
 * the store's clientId lookup, go through `settle`: those applied
 * already are skipped, those that never landed are applied then.
 */
export class EventBatchWriter {
  readonly #events: Collection<EventDocument>

  constructor(events: Collection<EventDocument>) {
    this.#events = events
  }

  async write(events: readonly AppEvent[]): Promise<void> {
    // Per room the sequencer hands events over in seq order already; the
    // sort in settle makes that a property of the store rather than of
    // its caller.
    const documents = events.map(toEventDocument)
    const skipped = await this.#insert(documents)

    const effects = documents.filter(
      (document, index) => !skipped.has(index) && document.kind !== 'message',
    )

    // A skipped edit, delete or reaction may be the retry of one whose
    // effect never landed. A skipped message has no effect to check.
    const skippedEffects = documents.filter(
      (document, index) => skipped.has(index) && document.kind !== 'message',
    )

    if (skippedEffects.length > 0) {
      effects.push(...(await this.#storedTwins(skippedEffects)))
    }

    await this.settle(effects)
  }

  /**
   * Inserts events that should all be new with one ordered insertMany,
   * which stops at the first duplicate: false then, with the documents
   * before it stored and their effects left to `settle`, which the
   * store's clientId lookup runs on them. Otherwise applies the effects.
   */
  async writeNew(events: readonly AppEvent[]): Promise<boolean> {
    const documents = events.map(toEventDocument)

    // One command per chunk, each sent once the one before is stored:
    // FerretDB 1.24 inserts in batches of 100 and, after a duplicate in
    // one, goes on with the next even when told the insert is ordered.
    for (let start = 0; start < documents.length; start += insertsPerWrite) {
      try {
        await this.#events.insertMany(
          documents.slice(start, start + insertsPerWrite),
          { ordered: true },
        )
      } catch (error) {
        if (isDuplicate(error)) return false
        throw error
      }
    }

    await this.settle(documents)
    return true
  }

  /**
   * Applies stored edits, deletes and reactions to their messages, in seq
   * order, skipping those a message records as applied already. Must run
   * in the room's single writer, as the sequencer does.
   */
  async settle(events: readonly EventDocument[]): Promise<void> {
    const effects = events
      .filter((event) => event.kind !== 'message')
      .sort((a, b) => a.seq - b.seq)

    if (effects.length > 0) {
      await this.#apply(effects)
    }
  }

  /**
   * Inserts every document it can and returns the positions of those
   * already stored. Any other failure rejects, so the batch is retried.
   */
  async #insert(documents: EventDocument[]): Promise<Set<number>> {
    if (documents.length === 0) {
      return new Set()
    }

    try {
      await this.#events.insertMany(documents, { ordered: false })
      return new Set()
    } catch (error) {
      return duplicatePositions(error, documents.length)
    }
  }

  /** The stored events that skipped documents collided with. */
  async #storedTwins(
    skipped: readonly EventDocument[],
  ): Promise<EventDocument[]> {
    const twins = skipped.flatMap(
      ({ app, room, seq, user, clientId }): Filter<EventDocument>[] => [
        { app, room, seq },
        { app, user, room, clientId },
      ],
    )

    return this.#events.find({ kind: { $ne: 'message' }, $or: twins }).toArray()
  }

  async #apply(effects: readonly EventDocument[]): Promise<void> {
    const messages = await this.#targets(effects)
    const changed = new Map<TargetMessage, Set<MessageField>>()
    const blanks: Operation[] = []

    for (const effect of effects) {
      const message = messages.get(
        messageKey(effect.app, effect.room, effect.target ?? ''),
      )
      const fields = message === undefined ? [] : applyEffect(message, effect)

      if (message !== undefined && fields.length > 0) {
        const set = changed.get(message) ?? new Set()
        fields.forEach((field) => set.add(field))
        changed.set(message, set)
      }

      // A delete of a message this room does not hold still blanks the
      // edits that point at it, as the SQLite store does.
      if (
        effect.kind === 'delete' &&
        (message === undefined || fields.length > 0)
      ) {
        blanks.push(blankEarlierEdits(effect))
      }
    }

    // Blanking first: were the write to stop between the two, the
    // message's appliedSeq would not yet say the delete was applied, so
    // the retry redoes both.
    const operations = [
      ...blanks,
      ...[...changed].map(([message, fields]) =>
        messageUpdate(message, fields),
      ),
    ]

    // Chunks one after another, so the blanking lands before any message
    // records its delete as applied.
    for (let start = 0; start < operations.length; start += updatesPerWrite) {
      await this.#events.bulkWrite(
        operations.slice(start, start + updatesPerWrite),
        { ordered: true },
      )
    }
  }

  /** Reads the messages some effects target, by (app, room, id). */
  async #targets(
    effects: readonly EventDocument[],
  ): Promise<Map<string, TargetMessage>> {
    const byRoom = new Map<
      string,
      { app: string; room: string; ids: string[] }
    >()

    for (const { app, room, target = '' } of effects) {
      const key = JSON.stringify([app, room])
      const entry = byRoom.get(key) ?? { app, room, ids: [] }

      entry.ids.push(target)
      byRoom.set(key, entry)
    }

    const wanted = [...byRoom.values()].map(
      ({ app, room, ids }): Filter<EventDocument> => ({
        app,
        room,
        kind: 'message',
        id: { $in: ids },
      }),
    )
    const messages = await this.#events
      .find<TargetMessage>(
        { $or: wanted },
        {
          projection: {
            app: 1,
            room: 1,
            id: 1,
            text: 1,
            editedAt: 1,
            deleted: 1,
            reactions: 1,
            appliedSeq: 1,
          },
        },
      )
      .toArray()

    return new Map(
      messages.map((message) => [
        messageKey(message.app, message.room, message.id),
        message,
      ]),
    )
  }
}

/**
 * Earlier edits hold earlier versions of the text; replay must not show
 * what the author deleted. Later edits in the same batch are already
 * inserted, hence the bound on seq.
 */
function blankEarlierEdits({
  app,
  room,
  seq,
  target = '',
}: EventDocument): Operation {
  return {
    updateMany: {
      filter: { target, app, room, kind: 'edit', seq: { $lt: seq } },
      update: { $set: { text: '' } },
    },
  }
}

/**
 * Writes the fields effects set on one message, found by `_id` alone:
 * the one filter FerretDB passes down to its storage rather than
 * decoding every document of the collection to test it.
 */
function messageUpdate(
  message: TargetMessage,
  fields: Set<MessageField>,
): Operation {
  const update: UpdateFilter<EventDocument> = {}
  const set = [...fields].map((field) => [field, message[field]] as const)

  // A message without reactions stores none.
  if (fields.has('reactions') && (message.reactions ?? []).length === 0) {
    update.$unset = { reactions: '' }
    update.$set = Object.fromEntries(set.filter(([f]) => f !== 'reactions'))
  } else {
    update.$set = Object.fromEntries(set)
  }

  return { updateOne: { filter: { _id: message._id }, update } }
}

/**
 * Positions of the documents a failed insertMany skipped as duplicates.
 * Rethrows unless every document is accounted for, inserted or refused
 * as a duplicate: the driver also reports a network error or a timeout
 * as a bulk write error, with no write errors at all.
 */
function duplicatePositions(error: unknown, total: number): Set<number> {
  const skipped = new Set(duplicatesIn(error))

  if (
    !(error instanceof MongoBulkWriteError) ||
    skipped.size === 0 ||
    error.result.insertedCount + skipped.size !== total
  ) {
    throw error
  }

  return skipped
}

/**
 * Whether an ordered insert stopped at a duplicate, so the documents
 * before it are stored and none after it.
 */
function isDuplicate(error: unknown): boolean {
  return duplicatesIn(error).length > 0
}

/**
 * The positions of the duplicates a bulk write error reports, or none
 * when it reports anything else as well.
 */
function duplicatesIn(error: unknown): number[] {
  if (
    !(error instanceof MongoBulkWriteError) ||
    error.result.getWriteConcernError() !== undefined
  ) {
    return []
  }

  const writeErrors = Array.isArray(error.writeErrors)
    ? error.writeErrors
    : [error.writeErrors]

  return writeErrors.every((writeError) => writeError.code === duplicateKey)
    ? writeErrors.map((writeError) => writeError.index)
    : []
}

function messageKey(app: string, room: string, id: string): string {
  return JSON.stringify([app, room, id])
}

import type BetterSqlite3 from 'better-sqlite3'

import type { AppEvent } from '../../ports/index.js'
import { toEventRow } from './event-row.js'
import type { EventInsertRow } from './event-row.js'
import { toggleReaction } from './toggle-reaction.js'
import type { Reactions } from './toggle-reaction.js'

type Statement<
  Params extends unknown[],
  Result = unknown,
> = BetterSqlite3.Statement<Params, Result>

/** (app, room, message id) */
type TargetKey = [string, string, string]

/**
 * Writes sequenced events straight through better-sqlite3 rather than
 * Kysely. This is the sequencer's hot path: statements are prepared once
 * and a whole batch runs synchronously in one transaction, where Kysely
 * would compile each query and await between statements (a 500-event
 * batch took about five times longer that way). The schema itself still
 * comes from the Kysely migrations.
 */
export class EventBatchWriter {
  readonly #insert: Statement<[EventInsertRow]>
  readonly #applyEdit: Statement<[string, number, ...TargetKey]>
  readonly #applyDelete: Statement<TargetKey>
  readonly #blankEdits: Statement<TargetKey>
  readonly #readReactions: Statement<TargetKey, { reactions: string | null }>
  readonly #writeReactions: Statement<[string | null, ...TargetKey]>
  readonly #writeAll: BetterSqlite3.Transaction<
    (events: readonly AppEvent[]) => void
  >
  readonly #writeAllNew: BetterSqlite3.Transaction<
    (events: readonly AppEvent[]) => void
  >

  constructor(database: BetterSqlite3.Database) {
    // `do nothing` skips a repeated seq or (user, clientId) and reports
    // zero changes, which is how a replayed event avoids applying twice.
    // Unlike `insert or ignore` it still fails on a null in a required
    // column instead of dropping the event silently.
    this.#insert = database.prepare(
      `insert into events (app_id, room_id, seq, kind, id, user_id,
         client_id, at, text, parent, mentions, target, emoji, reaction_on)
       values (@app_id, @room_id, @seq, @kind, @id, @user_id, @client_id,
         @at, @text, @parent, @mentions, @target, @emoji, @reaction_on)
       on conflict do nothing`,
    )

    // An edit that arrives after the delete must not bring text back.
    this.#applyEdit = database.prepare(
      `update events set text = ?, edited_at = ?
       where app_id = ? and room_id = ? and kind = 'message' and id = ?
         and deleted = 0`,
    )

    this.#applyDelete = database.prepare(
      `update events set text = '', deleted = 1
       where app_id = ? and room_id = ? and kind = 'message' and id = ?`,
    )

    // Earlier edits hold earlier versions of the text; replay must not
    // show what the author deleted.
    this.#blankEdits = database.prepare(
      `update events set text = ''
       where app_id = ? and room_id = ? and kind = 'edit' and target = ?`,
    )

    this.#readReactions = database.prepare(
      `select reactions from events
       where app_id = ? and room_id = ? and kind = 'message' and id = ?`,
    )

    this.#writeReactions = database.prepare(
      `update events set reactions = ?
       where app_id = ? and room_id = ? and kind = 'message' and id = ?`,
    )

    this.#writeAll = database.transaction((events) => {
      for (const event of events) {
        this.#write(event)
      }
    })

    // Throwing rolls the whole transaction back, so a collision leaves
    // nothing of the batch stored.
    this.#writeAllNew = database.transaction((events) => {
      for (const event of events) {
        if (!this.#write(event)) throw new Collision()
      }
    })
  }

  /**
   * Stores the batch in one transaction. `immediate` takes the write lock
   * up front, so another process holding the file makes this wait on the
   * busy timeout instead of failing halfway through.
   */
  write(events: readonly AppEvent[]): void {
    // Per room the sequencer hands events over in seq order already; the
    // sort makes that a property of the store rather than of its caller.
    const ordered = [...events].sort((a, b) => a.seq - b.seq)

    this.#writeAll.immediate(ordered)
  }

  /**
   * Stores the batch in one transaction if none of its events is stored
   * yet; otherwise stores nothing and answers false.
   */
  writeNew(events: readonly AppEvent[]): boolean {
    try {
      this.#writeAllNew.immediate(events)
      return true
    } catch (error) {
      if (error instanceof Collision) return false
      throw error
    }
  }

  /** Stores one event and applies it; false when it was stored already. */
  #write(event: AppEvent): boolean {
    const inserted = this.#insert.run(toEventRow(event)).changes === 1

    if (!inserted) {
      return false
    }

    this.#apply(event)
    return true
  }

  #apply(event: AppEvent): void {
    switch (event.kind) {
      case 'message':
        return

      case 'edit':
        this.#applyEdit.run(
          event.text,
          event.at,
          event.app,
          event.room,
          event.target,
        )
        return

      case 'delete':
        this.#applyDelete.run(event.app, event.room, event.target)
        this.#blankEdits.run(event.app, event.room, event.target)
        return

      case 'reaction': {
        const target: TargetKey = [event.app, event.room, event.target]
        const row = this.#readReactions.get(...target)

        if (row === undefined) {
          return
        }

        const before: Reactions | null =
          row.reactions === null ? null : JSON.parse(row.reactions)
        const after = toggleReaction(before, event.emoji, event.user, event.on)

        this.#writeReactions.run(
          after === null ? null : JSON.stringify(after),
          ...target,
        )
        return
      }
    }
  }
}

/** An event of a batch that should be new was stored already. */
class Collision extends Error {}

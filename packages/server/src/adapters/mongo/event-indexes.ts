import type { IndexDescription } from 'mongodb'

/**
 * Indexes of the `events` collection. Each one costs every insert on the
 * sequencer's path, so each serves a query the store makes. FerretDB has
 * no partial indexes, so none of them is restricted to one kind.
 */
export const eventIndexes: IndexDescription[] = [
  {
    // The position of an event in its room, and the range that replay
    // and lastSeqs read.
    name: 'events_by_seq',
    key: { app: 1, room: 1, seq: 1 },
    unique: true,
  },
  {
    // The dedup key. User before room, so erasing a user's text across
    // every room uses the same index; uniqueness is the same either way.
    name: 'events_by_client_id',
    key: { app: 1, user: 1, room: 1, clientId: 1 },
    unique: true,
  },
  {
    // History and unread counts read messages only, in seq order.
    name: 'events_by_kind_seq',
    key: { app: 1, room: 1, kind: 1, seq: 1 },
  },
  {
    // getMessage, and the messages that edits, deletes and reactions
    // update.
    name: 'events_by_id',
    key: { app: 1, room: 1, id: 1 },
  },
  {
    // The edits a delete blanks. Sparse because only edits, deletes and
    // reactions have a target: messages, most of the collection, stay
    // out of it.
    name: 'events_by_target',
    key: { target: 1 },
    sparse: true,
  },
]

import type {
  ReactionEvent,
  RoomEvent,
  StoredMessage,
} from '@algochat/protocol'

/**
 * A message as the page shows it: edits, deletion and reactions folded
 * in. Objects are replaced, never changed, when an event touches them.
 */
export type ChatMessage = Readonly<StoredMessage>

/**
 * One room's messages sorted by seq, each at most once, and the reader's
 * place in them. Lookups by seq are binary searches and lookups by id go
 * through a map, so applying an event costs O(log n); appending, the
 * usual case, never moves elements.
 *
 * The unread count (messages above the read watermark, not deleted, from
 * someone other than the reader) is kept per sender as messages come and
 * change, so reading it costs O(1) however many are loaded. Moving the
 * watermark visits only the messages it passes; it never moves back, so
 * each loaded message is passed at most once.
 */
export class MessageList {
  /** Highest seq the reader has read; only `read()` moves it. */
  readSeq = 0
  readonly #items: ChatMessage[] = []
  readonly #byId = new Map<string, ChatMessage>()
  #view: readonly ChatMessage[] | undefined
  /** Messages above the watermark that are not deleted, all senders. */
  #above = 0
  /** The same, per sender. */
  readonly #bySender = new Map<string | null, number>()

  get size(): number {
    return this.#items.length
  }

  get oldest(): ChatMessage | undefined {
    return this.#items[0]
  }

  get newest(): ChatMessage | undefined {
    return this.#items[this.#items.length - 1]
  }

  get(id: string): ChatMessage | undefined {
    return this.#byId.get(id)
  }

  /**
   * Loaded messages above the watermark that `reader` did not send,
   * deleted ones excluded. Before the user is known (null), no message is
   * theirs.
   */
  unread(reader: string | null): number {
    return this.#above - (this.#bySender.get(reader) ?? 0)
  }

  /** Moves the watermark forward to `seq`; false when it is not ahead. */
  read(seq: number): boolean {
    if (seq <= this.readSeq) return false
    const end = this.after(seq)
    for (let i = this.after(this.readSeq); i < end; i++) {
      this.#count(this.#items[i]!, -1)
    }
    this.readSeq = seq
    return true
  }

  /**
   * A read-only copy in seq order, made on the first call after a change
   * and shared until the next one. Room snapshots hand it out as
   * `messages`, and a snapshot must never change under its reader (React
   * tells snapshots apart by identity), so a change that touches messages
   * needs a new array: one O(n) copy of references per change that is
   * read, not per event of a burst. Changes that leave the messages alone
   * (a send, an ack, a receipt) keep the array.
   */
  all(): readonly ChatMessage[] {
    return (this.#view ??= this.#items.slice())
  }

  /** Index of the first message with a seq above `seq`. */
  after(seq: number): number {
    let low = 0
    let high = this.#items.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (this.#items[middle]!.seq <= seq) low = middle + 1
      else high = middle
    }
    return low
  }

  /** Removes every message; the watermark stays where it is. */
  clear(): void {
    this.#items.length = 0
    this.#byId.clear()
    this.#view = undefined
    this.#above = 0
    this.#bySender.clear()
  }

  /**
   * Adds a message unless one with its id or seq is already there; with
   * `replace`, a message already there is swapped for the given one.
   */
  insert(message: ChatMessage, replace = false): boolean {
    const known = this.#byId.get(message.id)
    if (known) {
      if (!replace || known === message) return false
      this.#swap(known, message)
      return true
    }
    const index = this.after(message.seq)
    if (this.#items[index - 1]?.seq === message.seq) return false
    if (index === this.#items.length) this.#items.push(message)
    else this.#items.splice(index, 0, message)
    this.#byId.set(message.id, message)
    this.#view = undefined
    this.#count(message, 1)
    return true
  }

  /**
   * Applies one event. An edit, delete or reaction whose target is not
   * loaded changes nothing and returns false; loading that message later
   * brings it as history shows it, with the change folded in.
   */
  apply(event: RoomEvent): boolean {
    if (event.kind === 'message') return this.insert(event)
    const target = this.#byId.get(event.target)
    if (!target) return false
    const next = change(target, event)
    if (next !== target) this.#swap(target, next)
    return true
  }

  #swap(known: ChatMessage, next: ChatMessage): void {
    this.#items[this.after(known.seq) - 1] = next
    this.#byId.set(next.id, next)
    this.#view = undefined
    this.#count(known, -1)
    this.#count(next, 1)
  }

  #count(message: ChatMessage, by: 1 | -1): void {
    if (message.seq <= this.readSeq || message.deleted) return
    const { user } = message
    this.#above += by
    this.#bySender.set(user, (this.#bySender.get(user) ?? 0) + by)
  }
}

function change(message: ChatMessage, event: RoomEvent): ChatMessage {
  switch (event.kind) {
    case 'edit':
      return message.deleted
        ? message
        : { ...message, text: event.text, editedAt: event.at }
    case 'delete':
      return { ...message, text: '', deleted: true }
    case 'reaction':
      return react(message, event)
    default:
      return message
  }
}

function react(message: ChatMessage, event: ReactionEvent): ChatMessage {
  const users = message.reactions?.[event.emoji] ?? []
  if (users.includes(event.user) === event.on) return message

  const reactions = {
    ...message.reactions,
    [event.emoji]: event.on
      ? [...users, event.user]
      : users.filter((user) => user !== event.user),
  }
  if (!reactions[event.emoji]!.length) delete reactions[event.emoji]
  return { ...message, reactions }
}

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
 * One room's messages sorted by seq, each at most once. Lookups by seq are
 * binary searches and lookups by id go through a map, so applying an
 * event costs O(log n); appending, the usual case, never moves elements.
 */
export class MessageList {
  readonly #items: ChatMessage[] = []
  readonly #byId = new Map<string, ChatMessage>()
  #view: readonly ChatMessage[] | undefined

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
   * A read-only copy in seq order. The copy is made on the first call
   * after a change and shared until the next change.
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

  clear(): void {
    this.#items.length = 0
    this.#byId.clear()
    this.#view = undefined
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

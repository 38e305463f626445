import type {
  AlgochatError,
  HistoryResultFrame,
  ReplayResultFrame,
} from '@algochat/protocol'
import type { RoomContext } from './room-context.js'
import type { RoomStore } from './room-store.js'

// How long an ack or receipt may run ahead of the events before the room
// asks for them; the event frame usually follows within milliseconds.
const gapWaitMs = 1_000

/**
 * Keeps one room caught up with the server: the first page, resume after
 * every reconnect, gap fills, and older pages.
 *
 * Every step is tagged with a generation; a reconnect or an unsubscribe
 * starts a new one, and replies to an older generation are dropped.
 */
export class RoomSync {
  /** True while the page listens to the room. */
  active = false
  #generation = 0
  #catchingUp: Promise<void> | undefined
  #filling = false
  #wanted = 0
  #gapTimer: ReturnType<typeof setTimeout> | undefined
  #older: Promise<void> | undefined
  readonly #store: RoomStore
  readonly #ctx: RoomContext

  constructor(store: RoomStore, ctx: RoomContext) {
    this.#store = store
    this.#ctx = ctx
  }

  start(): void {
    this.active = true
    this.resume()
  }

  stop(): void {
    this.active = false
    this.abort()
    this.#ctx.post({ op: 'unsubscribe', room: this.#store.id })
  }

  /** Forgets work in flight, e.g. when the socket closed. */
  abort(): void {
    this.#generation++
    this.#catchingUp = undefined
    this.#filling = false
    clearTimeout(this.#gapTimer)
    this.#gapTimer = undefined
    this.#store.synced(false)
  }

  /**
   * Subscribes and catches up: a room never synced loads its newest page
   * first; any other resumes after the last seq it applied, so edits,
   * deletes and reactions missed while away are replayed too.
   */
  resume(): void {
    if (!this.active || !this.#ctx.online()) return
    this.abort()
    const generation = this.#generation
    this.#catchingUp = this.#catchUp(generation).catch(
      (error: AlgochatError) => {
        if (generation !== this.#generation) return
        this.#catchingUp = undefined
        this.#store.synced(false, error)
      },
    )
  }

  /** Fetches what lies behind a gap; concurrent calls share one fill. */
  fill(): void {
    if (this.#filling || this.#catchingUp || !this.active) return
    if (!this.#ctx.online()) return
    this.#filling = true
    const generation = this.#generation
    this.#fillGap(generation)
      .catch((error: AlgochatError) => this.#ctx.report(error))
      .finally(() => {
        if (generation === this.#generation) this.#filling = false
      })
  }

  /** The server has reached `seq` (an ack or a receipt says so). */
  expect(seq: number): void {
    this.#wanted = Math.max(this.#wanted, seq)
    if (seq <= this.#store.seqs.last || this.#gapTimer) return
    this.#gapTimer = setTimeout(() => {
      this.#gapTimer = undefined
      this.fill()
    }, gapWaitMs)
  }

  /** Loads the page before the oldest loaded message. */
  loadOlder(): Promise<void> {
    return (this.#older ??= this.#loadPage().finally(() => {
      this.#older = undefined
    }))
  }

  async #catchUp(generation: number): Promise<void> {
    const room = this.#store
    if (room.seqs.last === 0) {
      const page = await this.#history()
      if (generation !== this.#generation) return
      room.history(page, true)
    }

    const reply = await this.#ctx.request({
      op: 'subscribe',
      room: room.id,
      since: room.seqs.last,
    })
    if (generation !== this.#generation) return
    this.#wanted = Math.max(this.#wanted, reply.lastSeq)
    room.subscribed(reply)

    for (let more = reply.more; more; ) {
      const page = await this.#replay()
      if (generation !== this.#generation) return
      room.take(page.events)
      more = page.more
    }
    this.#catchingUp = undefined
    room.synced(true)
    this.fill()
  }

  async #fillGap(generation: number): Promise<void> {
    const { seqs } = this.#store
    while (seqs.gap || seqs.last < this.#wanted) {
      const before = seqs.last
      const page = await this.#replay()
      if (generation !== this.#generation) return
      this.#wanted = Math.max(this.#wanted, page.lastSeq)
      this.#store.take(page.events)
      // No progress: the server has nothing newer yet. The next event,
      // ack or reconnect asks again.
      if (seqs.last === before) return
    }
  }

  #replay(): Promise<ReplayResultFrame> {
    return this.#ctx.request({
      op: 'replay',
      room: this.#store.id,
      after: this.#store.seqs.last,
      limit: this.#ctx.limits().maxPageSize,
    })
  }

  /** A history page: the newest one, or the one before seq `before`. */
  #history(before?: number): Promise<HistoryResultFrame> {
    return this.#ctx.request({
      op: 'history',
      room: this.#store.id,
      limit: this.#ctx.options.historyPageSize,
      ...(before !== undefined && { before }),
    })
  }

  async #loadPage(): Promise<void> {
    await this.#catchingUp
    const room = this.#store
    room.orphans = []
    try {
      room.history(await this.#history(room.list.oldest?.seq), false)
    } finally {
      room.orphans = undefined
    }
  }
}

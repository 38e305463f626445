import type { RoomEvent } from '@algochat/protocol'

/**
 * Lets a room's events through in seq order, each once, however they
 * arrive: duplicated, out of order, or interleaved with replayed pages.
 * Events past a missing seq wait until the gap is filled.
 */
export class SeqWindow {
  /** Highest seq let through with no gap below it. */
  last = 0
  readonly #ahead = new Map<number, RoomEvent>()

  /** Takes events in any order; returns those now ready, in seq order. */
  accept(events: readonly RoomEvent[]): RoomEvent[] {
    for (const event of events) {
      if (event.seq > this.last) this.#ahead.set(event.seq, event)
    }
    const ready: RoomEvent[] = []
    for (
      let next = this.#ahead.get(this.last + 1);
      next;
      next = this.#ahead.get(this.last + 1)
    ) {
      this.#ahead.delete(next.seq)
      ready.push(next)
      this.last = next.seq
    }
    return ready
  }

  /** True when events wait behind a missing seq. */
  get gap(): boolean {
    return this.#ahead.size > 0
  }

  /**
   * Moves the watermark to a seq known to be covered (a history page read
   * after it); events at or below it are dropped, waiting ones let through.
   */
  reset(last: number): RoomEvent[] {
    this.last = Math.max(this.last, last)
    for (const seq of this.#ahead.keys()) {
      if (seq <= this.last) this.#ahead.delete(seq)
    }
    return this.accept([])
  }
}

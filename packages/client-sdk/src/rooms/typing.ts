/**
 * Typing indicators for one room. Outgoing notifications are throttled so
 * a keystroke handler may call `shouldSend` freely; incoming ones keep a
 * user listed until the timeout passes without another notification.
 */
export class TypingTracker {
  #sentAt = -Infinity
  readonly #until = new Map<string, number>()
  #timer: ReturnType<typeof setTimeout> | undefined
  #list: readonly string[] = []
  readonly #throttleMs: number
  readonly #timeoutMs: number
  readonly #changed: () => void

  constructor(throttleMs: number, timeoutMs: number, changed: () => void) {
    this.#throttleMs = throttleMs
    this.#timeoutMs = timeoutMs
    this.#changed = changed
  }

  /** Users typing now, in the order they started; same array until a change. */
  get users(): readonly string[] {
    return this.#list
  }

  /** Whether a notification may go out now; if so, starts a new window. */
  shouldSend(now = Date.now()): boolean {
    if (now - this.#sentAt < this.#throttleMs) return false
    this.#sentAt = now
    return true
  }

  /** `user` is typing: list them, or extend their time. */
  seen(user: string, now = Date.now()): void {
    const known = this.#until.has(user)
    this.#until.set(user, now + this.#timeoutMs)
    if (!known) this.#update()
  }

  /** `user` stopped typing, e.g. their message arrived. */
  stopped(user: string): void {
    if (this.#until.delete(user)) this.#update()
  }

  clear(): void {
    this.#until.clear()
    this.#update()
  }

  #expire(): void {
    const now = Date.now()
    for (const [user, until] of this.#until) {
      if (until <= now) this.#until.delete(user)
    }
    this.#update()
  }

  #update(): void {
    clearTimeout(this.#timer)
    if (
      this.#list.length !== this.#until.size ||
      this.#list.some((u) => !this.#until.has(u))
    ) {
      this.#list = [...this.#until.keys()]
      this.#changed()
    }
    if (!this.#until.size) return
    const next = Math.min(...this.#until.values())
    this.#timer = setTimeout(() => this.#expire(), next - Date.now())
  }
}

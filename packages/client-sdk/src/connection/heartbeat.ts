/**
 * Sends a ping every interval and declares the connection dead when no
 * frame at all arrived for two intervals. Frames only record a timestamp;
 * the watch timer re-arms itself for the remaining time instead of being
 * reset on every frame.
 */
export class Heartbeat {
  #lastFrameAt = 0
  #limitMs = 0
  #pingTimer: ReturnType<typeof setInterval> | undefined
  #watchTimer: ReturnType<typeof setTimeout> | undefined
  readonly #ping: () => void
  readonly #dead: () => void

  constructor(ping: () => void, dead: () => void) {
    this.#ping = ping
    this.#dead = dead
  }

  start(intervalMs: number): void {
    this.stop()
    this.#lastFrameAt = Date.now()
    this.#limitMs = 2 * intervalMs
    this.#pingTimer = setInterval(this.#ping, intervalMs)
    this.#watch(this.#limitMs)
  }

  /** Any frame from the server proves the connection is alive. */
  touch(): void {
    this.#lastFrameAt = Date.now()
  }

  stop(): void {
    clearInterval(this.#pingTimer)
    clearTimeout(this.#watchTimer)
  }

  #watch(delayMs: number): void {
    this.#watchTimer = setTimeout(() => {
      const silentMs = Date.now() - this.#lastFrameAt
      if (silentMs >= this.#limitMs) {
        this.stop()
        this.#dead()
      } else {
        this.#watch(this.#limitMs - silentMs)
      }
    }, delayMs)
  }
}

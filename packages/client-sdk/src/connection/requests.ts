import { AlgochatError } from '@algochat/protocol'
import type {
  ClientFrame,
  HistoryResultFrame,
  OkFrame,
  ReplayResultFrame,
  RoomsResultFrame,
  ServerFrame,
  SubscribedFrame,
} from '@algochat/protocol'
import { errorFromFrame } from '../error-from-frame.js'

/** The reply each request op gets when it succeeds. */
export interface Replies {
  subscribe: SubscribedFrame
  history: HistoryResultFrame
  replay: ReplayResultFrame
  rooms: RoomsResultFrame
  create: OkFrame
  direct: OkFrame
  join: OkFrame
  leave: OkFrame
  invite: OkFrame
  ban: OkFrame
  unban: OkFrame
  mute: OkFrame
  unmute: OkFrame
}

/** Client frames that expect a reply matched by `ref`. */
export type RequestFrame = Extract<ClientFrame, { op: keyof Replies }>

interface Waiting {
  resolve(frame: ServerFrame): void
  reject(error: AlgochatError): void
  timer: ReturnType<typeof setTimeout>
}

/**
 * Matches replies to requests by `ref`. Every request settles exactly
 * once: with its reply, with the server's error, on timeout, or when the
 * connection drops.
 */
export class Requests {
  #lastRef = 0
  readonly #waiting = new Map<string, Waiting>()
  readonly #timeoutMs: number

  constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs
  }

  /** Reserves a ref and returns the promise its reply will settle. */
  track(): [ref: string, reply: Promise<ServerFrame>] {
    const ref = String(++this.#lastRef)
    const reply = new Promise<ServerFrame>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          this.#settle(
            ref,
            new AlgochatError('timeout', `No reply in ${this.#timeoutMs} ms`),
          ),
        this.#timeoutMs,
      )
      this.#waiting.set(ref, { resolve, reject, timer })
    })
    return [ref, reply]
  }

  /** Settles the request a frame answers; false when it answers none. */
  receive(frame: ServerFrame): boolean {
    const ref = 'ref' in frame ? frame.ref : undefined
    if (ref === undefined || !this.#waiting.has(ref)) return false
    this.#settle(ref, frame.op === 'error' ? errorFromFrame(frame) : frame)
    return true
  }

  /** Rejects every request still waiting, e.g. when the socket closed. */
  failAll(error: AlgochatError): void {
    for (const ref of [...this.#waiting.keys()]) this.#settle(ref, error)
  }

  #settle(ref: string, outcome: ServerFrame | AlgochatError): void {
    const waiting = this.#waiting.get(ref)
    if (!waiting) return
    this.#waiting.delete(ref)
    clearTimeout(waiting.timer)
    if (outcome instanceof AlgochatError) waiting.reject(outcome)
    else waiting.resolve(outcome)
  }
}

/**
 * What the scenario runner needs from a server's client protocol. One
 * driver per protocol (Algochat's, Socket.IO's, Centrifugo's); the
 * runner never sees frames, only payload strings going out and coming
 * back, so every scenario runs unchanged against every server.
 */
export interface Driver {
  /** Protocol name for reports, e.g. 'algochat'. */
  readonly name: string

  /**
   * Opens and authenticates one client. Resolves once the client may
   * join rooms; rejects when the server refuses it or does not answer.
   */
  connect(options: ConnectOptions): Promise<DriverClient>
}

export interface ConnectOptions {
  /** User id the client authenticates as. */
  user: string
  /** Source address for the socket, to spread over 127.0.0.x. */
  localAddress: string | undefined
  /**
   * The client's position in the scenario, so that a driver over
   * several nodes sends the same client to the same node every time.
   */
  client?: number
  /** Called for every message delivered to this client. */
  onDelivery: (delivery: Delivery) => void
  /** Called for protocol errors the server reports, by code. */
  onError: (code: string) => void
  /** Called once if the connection drops after it was established. */
  onClose: (reason: string) => void
}

export interface Delivery {
  /** Room the message was published to, as the driver names it. */
  room: string
  /** The payload exactly as published. */
  payload: string
  /** Harness clock, ms (performance.now()), taken as the frame arrived. */
  receivedAt: number
  /** Whether it came as a replay on resubscribing, not live. */
  replayed: boolean
}

export interface DriverClient {
  /**
   * Starts receiving the room's messages. Membership is provisioned by
   * the target beforehand; this is the subscription on the connection.
   */
  join(room: string, resumeFrom?: number): Promise<void>

  /**
   * Where `room` would resume from after a reconnect (the last position
   * the client holds), for `join`; undefined when the protocol, as the
   * target configures it, cannot resume.
   */
  resumePoint(room: string): number | undefined

  /** Whether the connection is open. */
  readonly connected: boolean

  /** Cuts the connection with no close handshake, as a failed network would. */
  drop(): void

  /**
   * Sends one message without waiting for any answer: the runner keeps
   * an open-loop schedule and measures delivery, not acknowledgement.
   */
  publish(room: string, payload: string): void

  /** Messages written to the socket but not yet on the wire, bytes. */
  readonly bufferedBytes: number

  close(): Promise<void>
}

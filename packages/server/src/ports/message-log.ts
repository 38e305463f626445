/** A command that changes room history, as appended to the log. */
export type LogCommand =
  | (CommandBase & {
      op: 'send'
      text: string
      parent?: string
      mentions?: string[]
    })
  | (CommandBase & { op: 'edit'; target: string; text: string })
  | (CommandBase & { op: 'delete'; target: string })
  | (CommandBase & { op: 'react'; target: string; emoji: string; on: boolean })

interface CommandBase {
  app: string
  room: string
  user: string
  clientId: string
  /** Node that accepted the command, for diagnostics. */
  node: string
  /** Epoch ms when the node accepted it. */
  at: number
}

export interface ConsumeOptions {
  /**
   * Called when this consumer's share of the log changes (a rebalance),
   * before any batch of the new share: per-room caches must be dropped.
   */
  onRebalance?: () => void
}

/**
 * The durable, ordered log of accepted commands. Order is kept per
 * (app, room); a batch handed to the consumer is committed only after
 * the handler resolves, so a crash replays it.
 */
export interface MessageLog {
  /** Resolves once the command is durable. */
  append(command: LogCommand): Promise<void>

  /**
   * Starts consuming. Batches of one partition arrive one at a time, in
   * order; a handler that throws gets the same batch again after a pause.
   */
  consume(
    handler: (batch: readonly LogCommand[]) => Promise<void>,
    options?: ConsumeOptions,
  ): Promise<void>

  /** Commands appended but not yet handled (best effort; for /metrics). */
  lag(): Promise<number>

  ping(): Promise<boolean>
  /** Stops consuming after the current batch and flushes appends. */
  close(): Promise<void>
}

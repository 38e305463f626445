import {
  Kafka,
  Partitioners,
  type Admin,
  type Consumer,
  type EachBatchPayload,
  type Producer,
} from 'kafkajs'
import type { Logger } from 'pino'
import type {
  ConsumeOptions,
  LogCommand,
  MessageLog,
} from '../../ports/message-log.js'
import { AppendBatcher } from './append-batcher.js'
import { kafkaLogCreator } from './kafka-logger.js'

export interface KafkaLogOptions {
  brokers: string[]
  topic: string
  /** Partitions when this node creates the topic. */
  partitions: number
  /** @default 1 (a single local broker); use 3 in production */
  replicationFactor?: number
  /** @default 'algochat-sequencer' */
  groupId?: string
  clientId: string
  logger: Logger
}

/** How often a consumer tells the group it is alive, ms. */
const heartbeatMs = 3_000
/**
 * The message log on a Kafka topic keyed by app and room, so each room
 * lives on one partition and keeps its order. Appends go through an
 * idempotent producer with acks from all in-sync replicas: when `append`
 * resolves the command survives a broker crash, and a retried send is
 * never written twice. The sequencer is a consumer group; offsets are
 * committed only after a batch is stored and published.
 */
export class KafkaLog implements MessageLog {
  readonly #kafka: Kafka
  readonly #options: KafkaLogOptions
  readonly #producer: Producer
  readonly #admin: Admin
  readonly #batcher: AppendBatcher<LogCommand>
  #consumer: Consumer | undefined
  #closed = false

  private constructor(options: KafkaLogOptions) {
    this.#options = options
    this.#kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      logCreator: kafkaLogCreator(options.logger),
      // Appends fail within seconds while Kafka is away, so clients get a
      // retryable error and keep the message queued instead of hanging.
      connectionTimeout: 3_000,
      requestTimeout: 10_000,
      retry: { retries: 3, initialRetryTime: 200, maxRetryTime: 2_000 },
    })
    this.#producer = this.#kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    })
    this.#admin = this.#kafka.admin()
    this.#batcher = new AppendBatcher((commands) => this.#send(commands))
  }

  /** Connects the producer and creates the topic when it is missing. */
  static async connect(options: KafkaLogOptions): Promise<KafkaLog> {
    const log = new KafkaLog(options)
    await log.#admin.connect()
    await log.#ensureTopic()
    await log.#producer.connect()
    return log
  }

  append(command: LogCommand): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('message log is closed'))
    return this.#batcher.append(command)
  }

  async consume(
    handler: (batch: readonly LogCommand[]) => Promise<void>,
    options: ConsumeOptions = {},
  ): Promise<void> {
    const consumer = this.#kafka.consumer({
      groupId: this.#options.groupId ?? 'algochat-sequencer',
      sessionTimeout: 15_000,
      heartbeatInterval: heartbeatMs,
      allowAutoTopicCreation: false,
    })
    this.#consumer = consumer
    consumer.on(consumer.events.GROUP_JOIN, () => options.onRebalance?.())

    await consumer.connect()
    await consumer.subscribe({
      topic: this.#options.topic,
      fromBeginning: true,
    })
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: 4,
      eachBatch: (payload) => this.#handleBatch(payload, handler),
    })
  }

  async lag(): Promise<number> {
    const groupId = this.#options.groupId ?? 'algochat-sequencer'
    const [ends, [committed]] = await Promise.all([
      this.#admin.fetchTopicOffsets(this.#options.topic),
      this.#admin.fetchOffsets({ groupId, topics: [this.#options.topic] }),
    ])
    let lag = 0
    for (const end of ends) {
      const done = committed?.partitions.find(
        (partition) => partition.partition === end.partition,
      )
      const from = Math.max(0, Number(done?.offset ?? 0))
      lag += Math.max(0, Number(end.offset) - from)
    }
    return lag
  }

  async ping(): Promise<boolean> {
    try {
      await this.#admin.fetchTopicMetadata({ topics: [this.#options.topic] })
      return true
    } catch {
      return false
    }
  }

  async close(): Promise<void> {
    this.#closed = true
    await this.#batcher.idle()
    await this.#consumer?.disconnect()
    await this.#producer.disconnect()
    await this.#admin.disconnect()
  }

  async #ensureTopic(): Promise<void> {
    const { topic, partitions, replicationFactor = 1 } = this.#options
    const existing = await this.#admin.listTopics()
    if (existing.includes(topic)) return

    // Several nodes may start at once; the losers of the race find the
    // topic made, which is all they wanted.
    try {
      await this.#admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic, numPartitions: partitions, replicationFactor }],
      })
    } catch (error) {
      if ((error as { type?: string }).type !== 'TOPIC_ALREADY_EXISTS') {
        throw error
      }
    }
  }

  async #send(commands: LogCommand[]): Promise<void> {
    await this.#producer.send({
      topic: this.#options.topic,
      acks: -1,
      messages: commands.map((command) => ({
        key: `${command.app}|${command.room}`,
        value: JSON.stringify(command),
      })),
    })
  }

  /**
   * Hands the batch to the sequencer until it succeeds. A failing store
   * holds the partition in place (its rooms wait, in order) rather than
   * skipping ahead; other partitions carry on.
   */
  async #handleBatch(
    { batch, resolveOffset, heartbeat, isRunning, isStale }: EachBatchPayload,
    handler: (batch: readonly LogCommand[]) => Promise<void>,
  ): Promise<void> {
    const last = batch.messages.at(-1)
    if (!last) return
    const commands = batch.messages.flatMap((message) => {
      if (!message.value) return []
      try {
        return [JSON.parse(message.value.toString('utf8')) as LogCommand]
      } catch (error) {
        this.#options.logger.error(
          { err: error, offset: message.offset },
          'unreadable command in the log; skipped',
        )
        return []
      }
    })

    // A slow store can hold one batch longer than the session timeout;
    // without heartbeats meanwhile the broker would count this consumer
    // dead, hand its partitions away and then refuse its offset commit.
    const beating = setInterval(
      () => void heartbeat().catch(() => undefined),
      heartbeatMs,
    )
    let handled: boolean
    try {
      handled = await this.#sequence(commands, handler, batch.partition, {
        heartbeat,
        isRunning,
        isStale,
      })
    } finally {
      clearInterval(beating)
    }
    if (!handled) return

    resolveOffset(last.offset)
    await this.#consumer?.commitOffsets([
      {
        topic: batch.topic,
        partition: batch.partition,
        offset: (BigInt(last.offset) + 1n).toString(),
      },
    ])
    await heartbeat()
  }

  /**
   * Runs the handler until it succeeds (true) or the partition moves
   * away or the consumer stops first (false).
   */
  async #sequence(
    commands: LogCommand[],
    handler: (batch: readonly LogCommand[]) => Promise<void>,
    partition: number,
    {
      heartbeat,
      isRunning,
      isStale,
    }: Pick<EachBatchPayload, 'heartbeat' | 'isRunning' | 'isStale'>,
  ): Promise<boolean> {
    for (let attempt = 0; ; attempt++) {
      if (!isRunning() || isStale()) return false
      try {
        await handler(commands)
        return true
      } catch (error) {
        this.#options.logger.warn(
          { err: error, partition, attempt },
          'sequencing a batch failed; retrying',
        )
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(200 * 2 ** attempt, 5_000)),
        )
        await heartbeat().catch(() => undefined)
      }
    }
  }
}

import { randomUUID } from 'node:crypto'

import { Kafka, logLevel } from 'kafkajs'
import { pino } from 'pino'
import { afterAll, expect, test } from 'vitest'

import { KafkaLog } from '../../src/adapters/kafka/kafka-log.js'
import { describeMessageLogContract } from '../../src/adapters/message-log-contract.js'

// The scale suite runs with the engines up; a missing URL is a broken
// setup, so it fails loudly rather than passing with nothing tested.
const brokers = process.env.KAFKA_BROKERS?.split(',').filter(Boolean) ?? []

if (brokers.length === 0) {
  test('KAFKA_BROKERS is set', () => {
    throw new Error(
      'KAFKA_BROKERS is not set. Start the engines with ' +
        '`bash scripts/engines/engines.sh up` and `source .engines/env`, ' +
        'or point KAFKA_BROKERS at a Kafka cluster.',
    )
  })
} else {
  // Topics and groups are this run's own, so nothing a server or an
  // earlier run left in the log reaches these consumers.
  const run = randomUUID().slice(0, 8)
  const topics = new Set<string>()

  afterAll(async () => {
    const admin = new Kafka({ brokers, logLevel: logLevel.NOTHING }).admin()
    await admin.connect()
    await admin.deleteTopics({ topics: [...topics] })
    await admin.disconnect()
  })

  const open = (name: string) => {
    const topic = `algochat-contract-${run}-${name}`
    topics.add(topic)
    return KafkaLog.connect({
      brokers,
      topic,
      // Several partitions, so per-room order is not a one-partition given.
      partitions: 3,
      groupId: `${topic}-${randomUUID().slice(0, 8)}`,
      clientId: 'contract',
      logger: pino({ level: 'silent' }),
    })
  }

  describeMessageLogContract('kafka', { open, outlivesInstance: true })

  // The consumer's session times out after 15 s without a heartbeat.
  test('a batch handled for longer than the session timeout is not handed over twice', async () => {
    const log = await open(`slow-${randomUUID().slice(0, 8)}`)
    try {
      await log.append({
        app: 'slow',
        room: 'lobby',
        user: 'ada',
        node: 'contract',
        at: 0,
        op: 'send',
        clientId: 'slow-1',
        text: 'takes a while to store',
      })

      const handled: string[] = []
      await log.consume(async (batch) => {
        handled.push(...batch.map((command) => command.clientId))
        if (handled.length === 1) {
          await new Promise((resolve) => setTimeout(resolve, 20_000))
        }
      })

      // Long enough for a consumer the group had dropped to rejoin and
      // be handed the uncommitted batch again.
      await new Promise((resolve) => setTimeout(resolve, 30_000))
      expect(handled).toEqual(['slow-1'])
      expect(await log.lag()).toBe(0)
    } finally {
      await log.close()
    }
  }, 60_000)
}

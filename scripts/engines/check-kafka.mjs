// Smoke test of the local Kafka against the kafkajs version the server uses:
// create a topic, produce with the idempotent producer and acks=all, read the
// messages back through a consumer group. Exits non-zero on any failure.
//
//   node scripts/engines/check-kafka.mjs [brokers]
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const here = path.dirname(fileURLToPath(import.meta.url))
const server = path.join(here, '..', '..', 'packages', 'server', 'package.json')
const require = createRequire(server)
const { Kafka, logLevel } = require('kafkajs')

const brokers = (
  process.argv[2] ||
  process.env.KAFKA_BROKERS ||
  '127.0.0.1:19092'
).split(',')
const run = `${Date.now()}-${process.pid}`
const topic = `engines-check-${run}`
const count = 5

// kafkajs logs retriable errors (a coordinator still loading right after
// the broker starts) at ERROR level; a real failure is thrown anyway.
const kafka = new Kafka({
  clientId: 'engines-check',
  brokers,
  logLevel: process.env.KAFKAJS_DEBUG ? logLevel.DEBUG : logLevel.NOTHING,
})

function withTimeout(promise, ms, what) {
  let timer
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: timed out`)), ms)
  })
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer))
}

async function main() {
  const admin = kafka.admin()
  await admin.connect()
  const created = await admin.createTopics({
    topics: [{ topic, numPartitions: 2, replicationFactor: 1 }],
    waitForLeaders: true,
  })
  if (!created) throw new Error(`topic ${topic} was not created`)

  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 })
  await producer.connect()
  const sent = []
  for (let i = 0; i < count; i++) sent.push(`m${i}`)
  await withTimeout(
    producer.send({
      topic,
      acks: -1,
      messages: sent.map((value, i) => ({ key: `room-${i % 2}`, value })),
    }),
    30000,
    'produce',
  )

  const consumer = kafka.consumer({ groupId: `engines-check-${run}` })
  await consumer.connect()
  await consumer.subscribe({ topic, fromBeginning: true })
  const seen = new Set()
  const done = new Promise((resolve) => {
    consumer.run({
      eachMessage: async ({ message }) => {
        seen.add(message.value.toString())
        if (seen.size >= count) resolve()
      },
    })
  })
  await withTimeout(done, 30000, 'consume')
  await consumer.disconnect()
  await producer.disconnect()
  await admin.deleteTopics({ topics: [topic] }).catch(() => {})
  await admin.disconnect()

  const missing = sent.filter((v) => !seen.has(v))
  if (missing.length) throw new Error(`missing messages: ${missing}`)
  console.log(
    `kafka ok: ${brokers.join(',')} topic, idempotent produce, ` +
      `group consume (${seen.size} messages)`,
  )
}

main().catch((err) => {
  console.error(`kafka check failed: ${err.stack || err}`)
  process.exit(1)
})

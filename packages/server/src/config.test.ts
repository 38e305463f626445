import { describe, expect, it } from 'vitest'
import { configFromEnv } from './config.js'

describe('configFromEnv', () => {
  it('reads the Kafka topic and consumer group of the sequencers', () => {
    const config = configFromEnv({
      ALGOCHAT_KAFKA_TOPIC: 'algochat.bench.1',
      ALGOCHAT_KAFKA_GROUP: 'sequencer-1',
    })
    expect(config.kafkaTopic).toBe('algochat.bench.1')
    expect(config.kafkaGroup).toBe('sequencer-1')
  })
})

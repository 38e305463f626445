import { describe, expect, it } from 'vitest'
import { parseEngineEnv } from './engine-env.js'

describe('parseEngineEnv', () => {
  it('reads export lines and ignores everything else', () => {
    const text = [
      '# written by engines.sh',
      'export POSTGRES_URL=postgres://algochat@127.0.0.1:55432/algochat',
      'export KAFKA_BROKERS=127.0.0.1:19092',
      "MONGO_URL='mongodb://127.0.0.1:27018/algochat'",
      '',
      'not a line',
    ].join('\n')
    expect(parseEngineEnv(text)).toEqual({
      POSTGRES_URL: 'postgres://algochat@127.0.0.1:55432/algochat',
      KAFKA_BROKERS: '127.0.0.1:19092',
      MONGO_URL: 'mongodb://127.0.0.1:27018/algochat',
    })
  })
})

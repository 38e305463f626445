import { pino } from 'pino'
import { test } from 'vitest'

import { describeFanoutBusContract } from '../../src/adapters/fanout-bus-contract.js'
import { RedisBus } from '../../src/adapters/redis/redis-bus.js'

// The scale suite runs with the engines up; a missing URL is a broken
// setup, so it fails loudly rather than passing with nothing tested.
const url = process.env.REDIS_URL

if (url === undefined || url === '') {
  test('REDIS_URL is set', () => {
    throw new Error(
      'REDIS_URL is not set. Start the engines with ' +
        '`bash scripts/engines/engines.sh up` and `source .engines/env`, ' +
        'or point REDIS_URL at a Redis server.',
    )
  })
} else {
  // Every bus is another node on the same Redis; channels are unique per
  // test, so runs never hear each other.
  describeFanoutBusContract('redis', {
    open: () => RedisBus.connect(url, pino({ level: 'silent' })),
    sharedAcrossInstances: true,
  })
}

import type { Redis } from 'ioredis'
import { afterAll, test } from 'vitest'

import { describePresenceRegistryContract } from '../../src/adapters/presence-registry-contract.js'
import {
  connectRedis,
  whenReady,
} from '../../src/adapters/redis/redis-connection.js'
import { RedisPresence } from '../../src/adapters/redis/redis-presence.js'
import type { PresenceRegistry } from '../../src/ports/index.js'

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
  // One connection per registry, so a crash can cut one node off alone.
  const connections = new Map<PresenceRegistry, Redis>()

  afterAll(() => {
    for (const redis of connections.values()) redis.disconnect()
  })

  describePresenceRegistryContract('redis', {
    open: async (node, ttlMs) => {
      const redis = connectRedis(url)
      redis.on('error', () => undefined)
      await whenReady(redis)
      const registry = new RedisPresence(redis, { node, ttlMs })
      connections.set(registry, redis)
      return registry
    },
    shared: {
      crash: async (registry) => connections.get(registry)?.disconnect(),
    },
  })
}

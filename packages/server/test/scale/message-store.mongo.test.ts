import { randomUUID } from 'node:crypto'

import { MongoClient } from 'mongodb'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import { describeMessageStoreContract } from '../../src/adapters/message-store-contract.js'
import { toEventDocument } from '../../src/adapters/mongo/event-document.js'
import type { EventDocument } from '../../src/adapters/mongo/event-document.js'
import { MongoMessageStore } from '../../src/adapters/mongo/mongo-message-store.js'
import type { AppEvent } from '../../src/ports/index.js'

// The scale suite runs with the engines up; a missing URL is a broken
// setup, so it fails loudly rather than passing with nothing tested.
const url = process.env.MONGO_URL

if (url === undefined || url === '') {
  test('MONGO_URL is set', () => {
    throw new Error(
      'MONGO_URL is not set. Start the engines with ' +
        '`bash scripts/engines/engines.sh up` and `source .engines/env`, ' +
        'or point MONGO_URL at a MongoDB (or FerretDB) database.',
    )
  })
} else {
  // Tests keep to apps of their own, so any database would do; a fresh
  // one per run, dropped at the end, keeps FerretDB (which scans a whole
  // collection for most queries) as fast as on the first run.
  const runUrl = withDatabase(url, `algochat_store_${randomUUID().slice(0, 8)}`)

  afterAll(async () => {
    const client = await MongoClient.connect(runUrl)
    await client.db().dropDatabase()
    await client.close()
  })

  describeMessageStoreContract('mongo', () => MongoMessageStore.connect(runUrl))
  describeUnfinishedEffects(runUrl)
  describeUnreachableServer()
}

/** The connection string with its database path replaced. */
function withDatabase(url: string, database: string): string {
  return url.replace(
    /^(mongodb(?:\+srv)?:\/\/[^/?]*)(\/[^?]*)?/,
    `$1/${database}`,
  )
}

/**
 * A crash or a lost reply between storing events and applying them to
 * their messages leaves the events stored and the messages unchanged.
 * These tests build that state by hand.
 */
function describeUnfinishedEffects(url: string): void {
  describe('mongo message store after an interrupted write', () => {
    let store: MongoMessageStore
    let client: MongoClient

    beforeAll(async () => {
      store = await MongoMessageStore.connect(url)
      await store.migrate()
      client = await MongoClient.connect(url)
    })

    afterAll(async () => {
      await store?.close()
      await client?.close()
    })

    function events(app: string): AppEvent[] {
      const base = { app, room: 'lobby', user: 'ada', at: 1_000 }

      return [
        {
          ...base,
          seq: 1,
          id: 'm1',
          clientId: 'c1',
          kind: 'message',
          text: 'draft',
        },
        {
          ...base,
          seq: 2,
          id: 'e2',
          clientId: 'c2',
          kind: 'edit',
          target: 'm1',
          text: 'final',
        },
        reaction(app, 3, true),
      ]
    }

    function reaction(app: string, seq: number, on: boolean): AppEvent {
      return {
        app,
        room: 'lobby',
        seq,
        id: `r${seq}`,
        user: 'ada',
        clientId: `c${seq}`,
        at: 1_000,
        kind: 'reaction',
        target: 'm1',
        emoji: '👍',
        on,
      }
    }

    /** Stores the events as an insert alone would, effects not applied. */
    async function insertOnly(batch: AppEvent[]): Promise<void> {
      await client
        .db()
        .collection<EventDocument>('events')
        .insertMany(batch.map(toEventDocument))
    }

    test('replaying the batch applies the effects that never landed', async () => {
      const app = `app-${randomUUID()}`
      await insertOnly(events(app))

      await store.writeBatch(events(app))

      expect(await store.getMessage(app, 'lobby', 'm1')).toMatchObject({
        text: 'final',
        reactions: { '👍': ['ada'] },
      })
    })

    test('finding the events by clientId, as a retry does, applies their effects', async () => {
      const app = `app-${randomUUID()}`
      await insertOnly(events(app))

      const found = await store.findByClientIds(app, 'lobby', [
        { user: 'ada', clientId: 'c2' },
        { user: 'ada', clientId: 'c3' },
      ])

      expect(found).toHaveLength(2)
      expect(await store.getMessage(app, 'lobby', 'm1')).toMatchObject({
        text: 'final',
        reactions: { '👍': ['ada'] },
      })
    })

    test('an effect already applied is not applied again after later ones', async () => {
      const app = `app-${randomUUID()}`
      await store.writeBatch(events(app))
      await store.writeBatch([reaction(app, 4, false)])

      await store.findByClientIds(app, 'lobby', [
        { user: 'ada', clientId: 'c3' },
      ])
      await store.writeBatch([{ ...reaction(app, 3, true), clientId: 'c9' }])

      expect(await store.getMessage(app, 'lobby', 'm1')).not.toHaveProperty(
        'reactions',
      )
    })
  })
}

function describeUnreachableServer(): void {
  describe('mongo message store without a server', () => {
    test('connect rejects within seconds when nothing answers', async () => {
      const started = Date.now()

      await expect(
        MongoMessageStore.connect('mongodb://127.0.0.1:9/algochat', {
          serverSelectionTimeoutMS: 500,
        }),
      ).rejects.toThrow()
      expect(Date.now() - started).toBeLessThan(5_000)
    })
  })
}

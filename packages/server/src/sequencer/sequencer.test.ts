import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RoomEvent } from '@algochat/protocol'
import { pino } from 'pino'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { MemoryBus } from '../adapters/memory/memory-bus.js'
import { openSqlite, type SqliteFile } from '../adapters/sqlite/open-sqlite.js'
import { createSqliteMessageStore } from '../adapters/sqlite/sqlite-message-store.js'
import { roomChannel, type RoomBusMessage } from '../delivery/bus-messages.js'
import { createMetrics } from '../observability/metrics.js'
import type { LogCommand } from '../ports/message-log.js'
import type { AppEvent, MessageStore } from '../ports/message-store.js'
import { Sequencer } from './sequencer.js'

let file: SqliteFile
let store: MessageStore
let bus: MemoryBus
let published: RoomEvent[]

beforeEach(async () => {
  file = openSqlite(join(mkdtempSync(join(tmpdir(), 'seq-')), 'db.sqlite'))
  store = createSqliteMessageStore(file)
  await store.migrate()
  bus = new MemoryBus()
  published = []
  await bus.subscribe(roomChannel('app', 'room'), (payload) => {
    const message = JSON.parse(payload) as RoomBusMessage
    if (message.t === 'events') published.push(...message.events)
  })
})

afterEach(async () => {
  await file.close()
})

function sequencer(target: MessageStore = store): Sequencer {
  return new Sequencer({
    store: target,
    bus,
    logger: pino({ level: 'silent' }),
    metrics: createMetrics(),
  })
}

function send(clientId: string, user = 'ann', room = 'room'): LogCommand {
  return {
    op: 'send',
    app: 'app',
    room,
    user,
    clientId,
    node: 'test',
    at: Date.now(),
    text: `text of ${clientId}`,
  }
}

type Write = (events: readonly AppEvent[]) => Promise<boolean>

/**
 * The real store, with its two batch writes (`insertNew`, the fast path,
 * and `writeBatch`) passed through `wrap` to be observed or made to fail.
 */
function withWrites(wrap: (write: Write) => Write): MessageStore {
  const insertNew = wrap((events) => store.insertNew(events))
  const writeBatch = wrap(async (events) => {
    await store.writeBatch(events)
    return true
  })
  return new Proxy(store, {
    get(target, property) {
      if (property === 'insertNew') return insertNew
      if (property === 'writeBatch') {
        return async (events: readonly AppEvent[]) => {
          await writeBatch(events)
        }
      }
      const value: unknown = Reflect.get(target, property)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/** The real store, counting the sequencer's clientId lookups. */
function countingLookups(): { store: MessageStore; lookups: () => number } {
  let lookups = 0
  const counting = new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property)
      if (typeof value !== 'function') return value
      if (property !== 'findByClientIds') return value.bind(target)
      return (...args: Parameters<MessageStore['findByClientIds']>) => {
        lookups += 1
        return store.findByClientIds(...args)
      }
    },
  })
  return { store: counting, lookups: () => lookups }
}

async function settle(): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve))
}

describe('Sequencer', () => {
  it('numbers each room from 1 without gaps', async () => {
    const subject = sequencer()
    await subject.handle([
      send('a'),
      send('b', 'bob'),
      send('x', 'ann', 'other'),
    ])
    await subject.handle([send('c')])

    const page = await store.replay('app', 'room', 0, 10)
    expect(page.items.map((event) => [event.seq, event.clientId])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ])
    const other = await store.replay('app', 'other', 0, 10)
    expect(other.items.map((event) => event.seq)).toEqual([1])
  })

  it('turns a repeated clientId into the stored event, within and across batches', async () => {
    const subject = sequencer()
    await subject.handle([send('a'), send('a')])
    await subject.handle([send('a'), send('b')])
    await settle()

    const page = await store.replay('app', 'room', 0, 10)
    expect(page.items.map((event) => event.clientId)).toEqual(['a', 'b'])
    const republished = published.filter((event) => event.clientId === 'a')
    expect(new Set(republished.map((event) => event.id)).size).toBe(1)
  })

  it('stores new commands without looking any up', async () => {
    const counted = countingLookups()
    const subject = sequencer(counted.store)
    await subject.handle([send('a'), send('b', 'bob'), send('x', 'ann', 'o')])
    await subject.handle([send('c')])

    expect(counted.lookups()).toBe(0)
    const page = await store.replay('app', 'room', 0, 10)
    expect(page.items.map((event) => event.seq)).toEqual([1, 2, 3])
  })

  it('looks up stored events once a repeat collides, and numbers on without a gap', async () => {
    const counted = countingLookups()
    const subject = sequencer(counted.store)
    await subject.handle([send('a')])
    await subject.handle([
      send('b'),
      send('a'),
      send('c'),
      send('y', 'ann', 'o'),
    ])

    expect(counted.lookups()).toBeGreaterThan(0)
    const page = await store.replay('app', 'room', 0, 10)
    expect(page.items.map((event) => [event.seq, event.clientId])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ])
    const other = await store.replay('app', 'o', 0, 10)
    expect(other.items.map((event) => event.seq)).toEqual([1])
  })

  it('treats the same clientId from two users as two messages', async () => {
    await sequencer().handle([send('same', 'ann'), send('same', 'bob')])
    const page = await store.replay('app', 'room', 0, 10)
    expect(page.items.map((event) => event.user)).toEqual(['ann', 'bob'])
  })

  it('continues from the stored seq after a restart or a rebalance', async () => {
    await sequencer().handle([send('a'), send('b')])
    const fresh = sequencer()
    await fresh.handle([send('c')])
    fresh.reset()
    await fresh.handle([send('d')])

    const page = await store.replay('app', 'room', 0, 10)
    expect(page.items.map((event) => event.seq)).toEqual([1, 2, 3, 4])
  })

  it('leaves no hole when a batch fails to store', async () => {
    let failNext = true
    const flaky = withWrites((write) => async (events) => {
      if (failNext) {
        failNext = false
        throw new Error('disk full')
      }
      return write(events)
    })
    const subject = sequencer(flaky)

    await expect(subject.handle([send('a')])).rejects.toThrow('disk full')
    await subject.handle([send('a'), send('b')])

    const page = await store.replay('app', 'room', 0, 10)
    expect(page.items.map((event) => [event.seq, event.clientId])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ])
  })

  it('never reuses a seq when a failed write had partly landed', async () => {
    let writes = 0
    const lossy = withWrites((write) => async (events) => {
      const stored = await write(events)
      if (++writes === 2) throw new Error('reply lost')
      return stored
    })
    const subject = sequencer(lossy)

    await subject.handle([send('a')])
    await expect(subject.handle([send('b')])).rejects.toThrow('reply lost')
    await subject.handle([send('b')])
    await subject.handle([send('c')])

    const page = await store.replay('app', 'room', 0, 10)
    expect(page.items.map((event) => [event.seq, event.clientId])).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ])
  })

  it('publishes only after the batch is stored', async () => {
    const order: string[] = []
    const tracking = withWrites((write) => async (events) => {
      order.push('stored')
      return write(events)
    })
    const tracingBus = new MemoryBus()
    tracingBus.publish = async () => {
      order.push('published')
    }
    const subject = new Sequencer({
      store: tracking,
      bus: tracingBus,
      logger: pino({ level: 'silent' }),
      metrics: createMetrics(),
    })

    await subject.handle([send('a')])
    expect(order).toEqual(['stored', 'published'])
  })
})

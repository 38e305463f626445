import type {
  AckFrame,
  CommandFrame,
  ErrorFrame,
  SendFrame,
} from '@algochat/protocol'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { Outbox, type OutboxHooks } from './outbox.js'
import { MemoryOutboxStore, type OutboxStore } from './outbox-store.js'

const timing = {
  requestTimeoutMs: 10_000,
  reconnectBaseMs: 500,
  reconnectMaxMs: 30_000,
}

function send(room: string, clientId: string, text = clientId): SendFrame {
  return { op: 'send', room, clientId, text }
}

function ack(frame: CommandFrame, seq: number): AckFrame {
  const { room, clientId } = frame
  return { op: 'ack', room, clientId, id: `id-${clientId}`, seq }
}

function refusal(frame: CommandFrame, code: ErrorFrame['code']): ErrorFrame {
  const { room, clientId } = frame
  return { op: 'error', code, message: code, retryable: false, room, clientId }
}

/** Hooks that record what was posted; `online` toggles delivery. */
function harness(store: OutboxStore = new MemoryOutboxStore()) {
  const posted: CommandFrame[] = []
  const state = { online: true, user: 'ann' as string | null }
  const hooks: OutboxHooks = {
    post: (frame) => {
      if (state.online) posted.push(frame)
      return state.online
    },
    user: () => state.user,
    acked: () => {},
    changed: () => {},
    error: () => {},
  }
  const outbox = new Outbox({ ...timing, outbox: store }, hooks)
  const ids = () => posted.map((frame) => frame.clientId)
  return { outbox, posted, state, ids }
}

describe('Outbox', () => {
  beforeEach(() => vi.useFakeTimers())
  afterEach(() => vi.useRealTimers())

  it('sends one command per room until the server has it durably', async () => {
    const { outbox, ids } = harness()
    await outbox.ready
    const a = send('r', 'a')
    void outbox.add(a)
    void outbox.add(send('r', 'b'))
    void outbox.add(send('other', 'x'))
    expect(ids()).toEqual(['a', 'x'])

    outbox.receive({ op: 'accepted', room: 'r', clientId: 'a' })
    expect(ids()).toEqual(['a', 'x', 'b'])
  })

  it('resolves with the ack and forgets the command', async () => {
    const store = new MemoryOutboxStore()
    const { outbox } = harness(store)
    await outbox.ready
    const a = send('r', 'a')
    const done = outbox.add(a)
    expect(await store.load()).toHaveLength(1)

    outbox.receive(ack(a, 7))
    await expect(done).resolves.toMatchObject({ seq: 7 })
    await vi.runAllTimersAsync()
    expect(await store.load()).toEqual([])
    expect(outbox.pending('r')).toEqual([])
  })

  it('queues while offline and sends in order when back online', async () => {
    const { outbox, state, ids } = harness()
    await outbox.ready
    state.online = false
    for (const id of ['a', 'b', 'c']) void outbox.add(send('r', id))
    expect(ids()).toEqual([])
    expect(outbox.pending('r').map((p) => p.clientId)).toEqual(['a', 'b', 'c'])

    state.online = true
    outbox.flush()
    for (const id of ['a', 'b', 'c']) {
      outbox.receive({ op: 'accepted', room: 'r', clientId: id })
    }
    expect(ids()).toEqual(['a', 'b', 'c'])
  })

  it('sends again with the same clientId after a disconnect', async () => {
    const { outbox, ids } = harness()
    await outbox.ready
    const a = send('r', 'a')
    void outbox.add(a)
    outbox.receive({ op: 'accepted', room: 'r', clientId: 'a' })
    outbox.disconnected()
    outbox.flush()
    expect(ids()).toEqual(['a', 'a'])
  })

  it('sends again with the same clientId when no reply comes in time', async () => {
    const { outbox, ids } = harness()
    await outbox.ready
    void outbox.add(send('r', 'a'))
    vi.advanceTimersByTime(timing.requestTimeoutMs)
    expect(ids()).toEqual(['a', 'a'])
  })

  it('backs off after a retryable refusal and keeps the room in order', async () => {
    const { outbox, ids } = harness()
    await outbox.ready
    const a = send('r', 'a')
    void outbox.add(a)
    void outbox.add(send('r', 'b'))
    outbox.receive({ ...refusal(a, 'rate_limited'), retryable: true })
    expect(outbox.pending('r')[0]).toMatchObject({
      status: 'pending',
      error: { code: 'rate_limited' },
    })
    expect(ids()).toEqual(['a'])

    vi.advanceTimersByTime(timing.reconnectBaseMs)
    expect(ids()).toEqual(['a', 'a'])
  })

  it('marks a command failed on a final refusal and moves on', async () => {
    const { outbox, ids } = harness()
    await outbox.ready
    const a = send('r', 'a')
    const done = outbox.add(a)
    void outbox.add(send('r', 'b'))
    outbox.receive(refusal(a, 'text_too_long'))

    await expect(done).rejects.toMatchObject({ code: 'text_too_long' })
    expect(outbox.pending('r').map((p) => [p.clientId, p.status])).toEqual([
      ['a', 'failed'],
      ['b', 'pending'],
    ])
    expect(ids()).toEqual(['a', 'b'])
  })

  it('retries a failed command with its original clientId', async () => {
    const { outbox, ids } = harness()
    await outbox.ready
    const a = send('r', 'a')
    void outbox.add(a)
    outbox.receive(refusal(a, 'not_member'))
    const retried = outbox.retry('a')
    expect(ids()).toEqual(['a', 'a'])
    outbox.receive(ack(a, 3))
    await expect(retried).resolves.toMatchObject({ clientId: 'a', seq: 3 })
  })

  it('discards only failed commands', async () => {
    const { outbox } = harness()
    await outbox.ready
    const a = send('r', 'a')
    void outbox.add(a)
    expect(outbox.discard('a')).toBe(false)
    outbox.receive(refusal(a, 'not_member'))
    expect(outbox.discard('a')).toBe(true)
    expect(outbox.pending('r')).toEqual([])
  })

  it('restores stored commands ahead of new ones and sends them first', async () => {
    const store = new MemoryOutboxStore()
    const first = harness(store)
    first.state.online = false
    void first.outbox.add(send('r', 'a'))
    void first.outbox.add(send('r', 'b'))
    await first.outbox.ready

    // A reload: a new outbox over the same store; the page sends at once.
    const second = harness(store)
    void second.outbox.add(send('r', 'c'))
    expect(second.ids()).toEqual([])
    await second.outbox.ready
    expect(second.outbox.pending('r').map((p) => p.clientId)).toEqual([
      'a',
      'b',
      'c',
    ])
    for (const id of ['a', 'b', 'c']) {
      second.outbox.receive({ op: 'accepted', room: 'r', clientId: id })
    }
    expect(second.ids()).toEqual(['a', 'b', 'c'])
  })

  it('leaves commands queued by another user alone', async () => {
    const store = new MemoryOutboxStore()
    await store.put({ frame: send('r', 'theirs'), user: 'bob', at: 1 })
    await store.put({ frame: send('r', 'unclaimed'), user: null, at: 2 })
    const { outbox, ids } = harness(store)
    await outbox.ready
    expect(ids()).toEqual(['unclaimed'])
    expect(outbox.pending('r').map((p) => p.clientId)).toEqual(['unclaimed'])
    expect((await store.load()).find((e) => e.user === null)).toBeUndefined()
  })

  it('keeps pending views identical until they change', async () => {
    const { outbox } = harness()
    await outbox.ready
    const a = send('r', 'a')
    void outbox.add(a)
    const [view] = outbox.pending('r')
    expect(outbox.pending('r')[0]).toBe(view)
    outbox.receive(refusal(a, 'not_member'))
    expect(outbox.pending('r')[0]).not.toBe(view)
  })
})

import type { RoomEvent, ServerFrame } from '@algochat/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServerProcess } from '../support/server-process.js'
import { TestClient } from '../support/test-client.js'
import { userToken } from '../support/tokens.js'
import { Cluster } from './support/cluster.js'

let cluster: Cluster

beforeAll(async () => {
  cluster = await Cluster.start({ nodes: 2, workers: 1 })
})

afterAll(async () => {
  await cluster?.stop()
})

async function waitFor(check: () => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting')
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/**
 * Sends from `client` until a reply to the send itself satisfies `done`,
 * since a change made on another node reaches this one a moment later.
 * Resolves with that reply, or the last one when time runs out.
 */
async function sendUntil(
  client: TestClient,
  room: string,
  done: (reply: ServerFrame) => boolean,
  timeoutMs = 5_000,
): Promise<ServerFrame> {
  const deadline = Date.now() + timeoutMs
  for (let attempt = 1; ; attempt++) {
    const reply = await client.request({
      op: 'send',
      room,
      clientId: `attempt-${Date.now()}-${attempt}`,
      text: `attempt ${attempt}`,
    })
    if (done(reply) || Date.now() > deadline) return reply
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

const refused = (reply: ServerFrame) => reply.op === 'error'
const accepted = (reply: ServerFrame) => reply.op !== 'error'

/** A user connected to `node` who joined `room` and posted there once. */
async function poster(node: ServerProcess, user: string, room: string) {
  const client = await TestClient.connect(
    node.wsUrl,
    cluster.app.id,
    await userToken(cluster.app, user),
  )
  await client.request({ op: 'join', room })
  // Posting makes this node cache the user's membership, which is what
  // a change on the other node has to invalidate.
  const reply = await client.request({
    op: 'send',
    room,
    clientId: `${user}-first`,
    text: 'hello',
  })
  expect(reply).toMatchObject({ op: 'accepted' })
  return client
}

describe('two nodes and a worker on real engines', () => {
  it('delivers every message once, in seq order, to clients on both nodes', async () => {
    const room = 'everyone'
    await cluster.admin.call('POST', '/rooms', { id: room, kind: 'public' })
    const users = ['ann', 'bob', 'cat', 'dan']
    const clients: TestClient[] = []
    for (const [index, user] of users.entries()) {
      const node = cluster.nodes[index % 2]
      if (!node) throw new Error('missing node')
      const client = await TestClient.connect(
        node.wsUrl,
        cluster.app.id,
        await userToken(cluster.app, user),
      )
      await client.request({ op: 'join', room })
      await client.request({ op: 'subscribe', room })
      clients.push(client)
    }

    const perUser = 25
    for (let i = 0; i < perUser; i++) {
      for (const [index, client] of clients.entries()) {
        client.send({
          op: 'send',
          room,
          clientId: `${users[index]}-${i}`,
          text: `${users[index]} says ${i}`,
        })
      }
    }

    const total = perUser * users.length
    const seen = (client: TestClient): RoomEvent[] =>
      client.ofOp('event').map((frame) => frame.event)
    await waitFor(() => clients.every((client) => seen(client).length >= total))
    await new Promise((resolve) => setTimeout(resolve, 300))

    for (const client of clients) {
      const seqs = seen(client).map((event) => event.seq)
      expect(seqs).toEqual(Array.from({ length: total }, (_, i) => i + 1))
      expect(client.ofOp('ack')).toHaveLength(perUser)
      expect(client.ofOp('error')).toEqual([])
      client.close()
    }
    const ids = new Set(seen(clients[0] as TestClient).map((e) => e.clientId))
    expect(ids.size).toBe(total)
  })

  it('invalidates membership on every node when a ban happens on one', async () => {
    const room = 'moderated'
    await cluster.admin.call('POST', '/rooms', { id: room, kind: 'public' })
    const [first, second] = cluster.nodes
    if (!first || !second) throw new Error('missing nodes')
    const troll = await TestClient.connect(
      second.wsUrl,
      cluster.app.id,
      await userToken(cluster.app, 'troll'),
    )
    await troll.request({ op: 'join', room })
    await troll.request({ op: 'subscribe', room })

    const dropped = troll.next((frame) => frame.op === 'unsubscribed')
    await cluster.admin.call('PUT', `/rooms/${room}/bans/troll`, {})
    await dropped
    const reply = await troll.request({
      op: 'send',
      room,
      clientId: 'after-ban',
      text: 'hello?',
    })
    troll.close()
    expect(reply).toMatchObject({ op: 'error', code: 'banned' })
  })

  it('refuses a muted user on every node, and takes them back once unmuted', async () => {
    const room = 'muting'
    await cluster.admin.call('POST', '/rooms', { id: room, kind: 'public' })
    const [, second] = cluster.nodes
    if (!second) throw new Error('missing nodes')
    const chatty = await poster(second, 'chatty', room)

    await cluster.admin.call('PUT', `/rooms/${room}/mutes/chatty`, {})
    const whileMuted = await sendUntil(chatty, room, refused)
    await cluster.admin.call('DELETE', `/rooms/${room}/mutes/chatty`)
    const afterUnmute = await sendUntil(chatty, room, accepted)
    chatty.close()

    expect(whileMuted).toMatchObject({ op: 'error', code: 'muted' })
    expect(afterUnmute).toMatchObject({ op: 'accepted' })
  })

  it('takes a user back on every node once a ban on one is lifted', async () => {
    const room = 'pardons'
    await cluster.admin.call('POST', '/rooms', { id: room, kind: 'public' })
    const [, second] = cluster.nodes
    if (!second) throw new Error('missing nodes')
    const penitent = await poster(second, 'penitent', room)

    await cluster.admin.call('PUT', `/rooms/${room}/bans/penitent`, {})
    const whileBanned = await sendUntil(penitent, room, refused)
    await cluster.admin.call('DELETE', `/rooms/${room}/bans/penitent`)
    const afterUnban = await sendUntil(penitent, room, accepted)
    penitent.close()

    expect(whileBanned).toMatchObject({ op: 'error', code: 'banned' })
    expect(afterUnban).toMatchObject({ op: 'accepted' })
  })

  it('shows presence across nodes', async () => {
    const room = 'presence'
    await cluster.admin.call('POST', '/rooms', { id: room, kind: 'public' })
    const [first, second] = cluster.nodes
    if (!first || !second) throw new Error('missing nodes')
    const here = await TestClient.connect(
      first.wsUrl,
      cluster.app.id,
      await userToken(cluster.app, 'here'),
    )
    await here.request({ op: 'join', room })
    await here.request({ op: 'subscribe', room })

    const there = await TestClient.connect(
      second.wsUrl,
      cluster.app.id,
      await userToken(cluster.app, 'there'),
    )
    await there.request({ op: 'join', room })
    const arrived = here.next(
      (frame) => frame.op === 'presence' && frame.user === 'there',
    )
    const subscribed = await there.request({ op: 'subscribe', room })
    expect(await arrived).toMatchObject({ online: true })
    expect(subscribed.op === 'subscribed' && subscribed.online.sort()).toEqual([
      'here',
      'there',
    ])
    here.close()
    there.close()
  })

  it("takes a dead node's users offline when their presence expires", async () => {
    const short = await Cluster.start({
      nodes: 2,
      workers: 0,
      nodesSequence: true,
      env: { ALGOCHAT_PRESENCE_TTL_MS: '1500' },
    })
    try {
      const room = 'expiring'
      await short.admin.call('POST', '/rooms', { id: room, kind: 'public' })
      const [doomed, survivor] = short.nodes
      if (!doomed || !survivor) throw new Error('missing nodes')

      const ghost = await TestClient.connect(
        doomed.wsUrl,
        short.app.id,
        await userToken(short.app, 'ghost'),
      )
      await ghost.request({ op: 'join', room })
      await ghost.request({ op: 'subscribe', room })
      await doomed.kill()
      await new Promise((resolve) => setTimeout(resolve, 2_500))

      const watcher = await TestClient.connect(
        survivor.wsUrl,
        short.app.id,
        await userToken(short.app, 'watcher'),
      )
      await watcher.request({ op: 'join', room })
      const subscribed = await watcher.request({ op: 'subscribe', room })
      watcher.close()
      expect(subscribed.op === 'subscribed' && subscribed.online).toEqual([
        'watcher',
      ])
    } finally {
      await short.stop()
    }
  })
})

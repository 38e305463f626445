import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ServerProcess } from '../support/server-process.js'
import { sendMessage, TestClient } from '../support/test-client.js'
import { userToken } from '../support/tokens.js'
import { Cluster } from './support/cluster.js'
import { sleep } from './support/conversation.js'
import { engine } from './support/engines.js'

let cluster: Cluster

beforeAll(async () => {
  cluster = await Cluster.start({ nodes: 2, workers: 1 })
})

afterAll(async () => {
  await engine('start', 'redis')
  await cluster?.stop()
})

async function untilLogged(
  node: ServerProcess,
  text: string,
  timeoutMs = 20_000,
) {
  const deadline = Date.now() + timeoutMs
  while (!node.output.join('').includes(text)) {
    if (Date.now() > deadline) throw new Error(`node never logged "${text}"`)
    await sleep(100)
  }
}

describe('membership caches across a Redis outage', () => {
  it('refuses a user banned while Redis was down once the bus is back', async () => {
    const room = 'outage'
    await cluster.admin.call('POST', '/rooms', { id: room, kind: 'public' })
    const [, second] = cluster.nodes
    if (!second) throw new Error('missing nodes')
    const rowdy = await TestClient.connect(
      second.wsUrl,
      cluster.app.id,
      await userToken(cluster.app, 'rowdy'),
    )
    await rowdy.request({ op: 'join', room })
    // The second node now holds rowdy's membership, unbanned, in its cache.
    expect(await sendMessage(rowdy, room, 'before')).toMatchObject({
      op: 'ack',
    })

    await engine('stop', 'redis')
    let banned: { status: number }
    try {
      // Stored by the first node, but its announcement is lost. The ban
      // still succeeds: the other nodes drop their caches on reconnect.
      banned = await cluster.admin.call('PUT', `/rooms/${room}/bans/rowdy`, {})
    } finally {
      await engine('start', 'redis')
    }
    expect(banned.status).toBeLessThan(300)
    await untilLogged(second, 'redis bus reconnected')

    const reply = await rowdy.request({
      op: 'send',
      room,
      clientId: 'after-outage',
      text: 'still here?',
    })
    rowdy.close()
    expect(reply).toMatchObject({ op: 'error', code: 'banned' })
  })
})

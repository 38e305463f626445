import { afterAll, beforeAll, expect, it } from 'vitest'
import { ServerProcess } from './support/server-process.js'
import { sendMessage, TestClient } from './support/test-client.js'
import { userToken } from './support/tokens.js'

// Two subscribers a room may have and still hear presence changes.
const limit = 2

let server: ServerProcess
const clients = new Map<string, TestClient>()

beforeAll(async () => {
  server = await ServerProcess.start({
    env: { ALGOCHAT_PRESENCE_LIMIT: String(limit) },
  })
  const app = await server.devApp()
  for (const user of ['ann', 'ben', 'cal']) {
    const token = await userToken(app, user)
    clients.set(user, await TestClient.connect(server.wsUrl, app.id, token))
  }
})

afterAll(async () => {
  for (const client of clients.values()) client.close()
  await server?.stop()
})

function as(user: string): TestClient {
  return clients.get(user)!
}

it('stops presence changes and caps the online list past the limit', async () => {
  const room = 'crowded'
  await as('ann').request({ op: 'create', room, kind: 'public' })
  for (const user of ['ben', 'cal']) {
    await as(user).request({ op: 'join', room })
  }
  await as('ann').request({ op: 'subscribe', room })

  // The second subscriber keeps the room within the limit: ann hears it.
  const benArrives = as('ann').next(
    (frame) => frame.op === 'presence' && frame.user === 'ben',
  )
  await as('ben').request({ op: 'subscribe', room })
  expect(await benArrives).toMatchObject({ online: true })

  // The third takes it past the limit: its arrival is not written, and
  // its own reply lists no more online users than the limit.
  const reply = await as('cal').request({ op: 'subscribe', room })
  expect(reply.op === 'subscribed' && reply.online).toHaveLength(limit)

  // A message sent after cal subscribed arrives after any presence frame
  // the server wrote for cal, so its arrival proves there was none.
  const delivered = as('ann').next(
    (frame) => frame.op === 'event' && frame.event.room === room,
  )
  await sendMessage(as('cal'), room, 'hello')
  await delivered
  expect(
    as('ann')
      .ofOp('presence')
      .filter((frame) => frame.user === 'cal'),
  ).toEqual([])
})

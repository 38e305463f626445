import { closeCodes } from '@algochat/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AdminApi } from './support/admin-api.js'
import { ServerProcess } from './support/server-process.js'
import { sendMessage, TestClient } from './support/test-client.js'
import { userToken } from './support/tokens.js'

let server: ServerProcess
let app: { id: string; secret: string }
let admin: AdminApi
let mallory: TestClient
let bystander: TestClient
const room = 'target'

beforeAll(async () => {
  server = await ServerProcess.start({
    env: { ALGOCHAT_MAX_PROTOCOL_ERRORS: '1000' },
  })
  app = await server.devApp()
  admin = new AdminApi(server.url, app)
  await admin.call('POST', '/rooms', { id: room, kind: 'public' })
  mallory = await TestClient.connect(
    server.wsUrl,
    app.id,
    await userToken(app, 'mallory'),
  )
  bystander = await TestClient.connect(
    server.wsUrl,
    app.id,
    await userToken(app, 'bystander'),
  )
  for (const client of [mallory, bystander]) {
    await client.request({ op: 'join', room })
    await client.request({ op: 'subscribe', room })
  }
})

afterAll(async () => {
  mallory?.close()
  bystander?.close()
  await server?.stop()
})

/** Sends raw data and returns the error frame it earns. */
async function errorFor(data: string | Buffer) {
  const reply = mallory.next((frame) => frame.op === 'error')
  mallory.sendRaw(data)
  return reply
}

async function storedTexts(): Promise<string[]> {
  const history = await admin.call('GET', `/rooms/${room}/messages`)
  return (history.body['messages'] as { text: string }[]).map((m) => m.text)
}

describe('malformed frames', () => {
  it.each([
    ['invalid JSON', '{"op": "send",', 'bad_frame'],
    ['a JSON array', '[1, 2, 3]', 'bad_frame'],
    ['a JSON string', '"hello"', 'bad_frame'],
    ['no op', '{"room": "target"}', 'invalid_field'],
    ['an unknown op', '{"op": "explode"}', 'unknown_op'],
    [
      'a missing field',
      '{"op": "send", "room": "target", "text": "x"}',
      'invalid_field',
    ],
    [
      'a wrong type',
      '{"op": "send", "room": "target", "clientId": "a", "text": 42}',
      'invalid_field',
    ],
    [
      'an extra field',
      '{"op": "send", "room": "target", "clientId": "a", "text": "x", "admin": true}',
      'invalid_field',
    ],
    [
      'a bad room id',
      '{"op": "send", "room": "../etc", "clientId": "a", "text": "x"}',
      'invalid_field',
    ],
    [
      'a $-prefixed key',
      '{"op": "send", "room": "target", "clientId": "a", "text": "x", "$where": 1}',
      'forbidden_key',
    ],
    [
      'a nested __proto__ key',
      '{"op": "send", "room": "target", "clientId": "a", "text": "x", "mentions": [{"__proto__": {"admin": true}}]}',
      'forbidden_key',
    ],
  ])('answers %s with %s', async (_name, data, code) => {
    expect(await errorFor(data)).toMatchObject({
      op: 'error',
      code,
      retryable: false,
    })
  })

  it('answers a binary frame with bad_frame', async () => {
    expect(await errorFor(Buffer.from([1, 2, 3]))).toMatchObject({
      code: 'bad_frame',
    })
  })

  it('answers an oversized frame with frame_too_large', async () => {
    const text = 'x'.repeat(20_000)
    const frame = JSON.stringify({ op: 'send', room, clientId: 'big', text })
    expect(await errorFor(frame)).toMatchObject({ code: 'frame_too_large' })
  })

  it('answers text over the limit with text_too_long', async () => {
    const reply = await sendMessage(mallory, room, 'y'.repeat(4_001), 'long')
    expect(reply).toMatchObject({
      op: 'error',
      code: 'text_too_long',
      clientId: 'long',
    })
  })

  it('refuses a send to a room the user is not in', async () => {
    await admin.call('POST', '/rooms', { id: 'closed', kind: 'private' })
    const reply = await sendMessage(mallory, 'closed', 'let me in', 'intruder')
    expect(reply).toMatchObject({ code: 'not_member', room: 'closed' })
    const missing = await sendMessage(mallory, 'nowhere', 'hello?', 'lost')
    expect(missing).toMatchObject({ code: 'room_not_found' })
  })

  it('stored none of it and the room still works for others', async () => {
    expect(await storedTexts()).toEqual([])
    const ack = await sendMessage(bystander, room, 'still here')
    expect(ack).toMatchObject({ op: 'ack', seq: 1 })
    expect(await storedTexts()).toEqual(['still here'])
    expect(bystander.ofOp('error')).toEqual([])
  })
})

describe('floods and persistent abuse', () => {
  it('closes a connection that keeps sending bad frames', async () => {
    const strict = await ServerProcess.start({
      env: { ALGOCHAT_MAX_PROTOCOL_ERRORS: '5' },
    })
    const strictApp = await strict.devApp()
    const client = await TestClient.connect(
      strict.wsUrl,
      strictApp.id,
      await userToken(strictApp, 'spammer'),
    )
    for (let i = 0; i < 10; i++) client.sendRaw('not json')
    const { code } = await client.closed
    await strict.stop()

    expect(code).toBe(closeCodes.abuse)
    expect(
      client
        .ofOp('error')
        .slice(0, 5)
        .map((f) => f.code),
    ).toEqual(Array(5).fill('bad_frame'))
  })

  it('rate-limits a frame flood, then closes it, sparing other users', async () => {
    const limited = await ServerProcess.start({
      env: {
        ALGOCHAT_CONNECTION_RATE: '5',
        ALGOCHAT_CONNECTION_BURST: '10',
        ALGOCHAT_MAX_PROTOCOL_ERRORS: '20',
      },
    })
    const limitedApp = await limited.devApp()
    const flooder = await TestClient.connect(
      limited.wsUrl,
      limitedApp.id,
      await userToken(limitedApp, 'flooder'),
    )
    const calm = await TestClient.connect(
      limited.wsUrl,
      limitedApp.id,
      await userToken(limitedApp, 'calm'),
    )
    for (let i = 0; i < 100; i++) flooder.send({ op: 'ping' })
    const { code } = await flooder.closed
    const stillServed = await calm.request({ op: 'ping' })
    calm.close()
    await limited.stop()

    expect(code).toBe(closeCodes.abuse)
    expect(flooder.ofOp('error').some((f) => f.code === 'rate_limited')).toBe(
      true,
    )
    expect(stillServed.op).toBe('pong')
  })

  it('limits commands per user with a retryable rate_limited', async () => {
    const limited = await ServerProcess.start({
      env: {
        ALGOCHAT_USER_COMMAND_RATE: '1',
        ALGOCHAT_USER_COMMAND_BURST: '3',
      },
    })
    const limitedApp = await limited.devApp()
    const chatty = await TestClient.connect(
      limited.wsUrl,
      limitedApp.id,
      await userToken(limitedApp, 'chatty'),
    )
    await chatty.request({ op: 'join', room: 'lobby' })
    const replies = []
    for (let i = 0; i < 5; i++) {
      replies.push(await sendMessage(chatty, 'lobby', `msg ${i}`, `burst-${i}`))
    }
    chatty.close()
    await limited.stop()

    expect(replies.map((r) => r.op)).toEqual([
      'ack',
      'ack',
      'ack',
      'error',
      'error',
    ])
    expect(replies[3]).toMatchObject({
      code: 'rate_limited',
      retryable: true,
      clientId: 'burst-3',
    })
  })

  it('caps the rooms one socket may follow', async () => {
    const capped = await ServerProcess.start({
      env: { ALGOCHAT_MAX_SUBSCRIPTIONS: '2' },
    })
    const cappedApp = await capped.devApp()
    const admin = new AdminApi(capped.url, cappedApp)
    const client = await TestClient.connect(
      capped.wsUrl,
      cappedApp.id,
      await userToken(cappedApp, 'collector'),
    )
    const replies = []
    for (const room of ['one', 'two', 'three']) {
      await admin.call('POST', '/rooms', { id: room, kind: 'public' })
      await client.request({ op: 'join', room })
      replies.push(await client.request({ op: 'subscribe', room }))
    }
    client.close()
    await capped.stop()

    expect(replies.map((reply) => reply.op)).toEqual([
      'subscribed',
      'subscribed',
      'error',
    ])
    expect(replies[2]).toMatchObject({ code: 'too_many_subscriptions' })
  })
})

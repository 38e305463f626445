import {
  closeCodes,
  type ClientFrame,
  type ServerFrame,
} from '@algochat/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ServerProcess } from './support/server-process.js'
import { sendMessage, TestClient } from './support/test-client.js'
import { userToken } from './support/tokens.js'

/** Small, so the frames around four times the limit stay cheap to send. */
const maxFrameBytes = 1_024

let server: ServerProcess
let app: { id: string; secret: string }
let alice: TestClient
let roomCounter = 0

beforeAll(async () => {
  server = await ServerProcess.start({
    env: { ALGOCHAT_MAX_FRAME_BYTES: String(maxFrameBytes) },
  })
  app = await server.devApp()
  alice = await TestClient.connect(
    server.wsUrl,
    app.id,
    await userToken(app, 'alice'),
  )
})

afterAll(async () => {
  alice?.close()
  await server?.stop()
})

async function freshRoom(): Promise<string> {
  const room = `edges-${++roomCounter}`
  expect((await alice.request({ op: 'create', room, kind: 'public' })).op).toBe(
    'ok',
  )
  return room
}

/** A JSON text frame of exactly `bytes` bytes. */
function frameOfBytes(bytes: number): string {
  const shell = '{"op":"ping","pad":""}'
  const frame = `{"op":"ping","pad":"${'x'.repeat(bytes - shell.length)}"}`
  expect(Buffer.byteLength(frame)).toBe(bytes)
  return frame
}

describe('oversized frames', () => {
  it('answers a frame up to four times the limit and keeps the socket', async () => {
    const client = await TestClient.connect(
      server.wsUrl,
      app.id,
      await userToken(app, 'big-but-bounded'),
    )
    const refused = client.next((frame) => frame.op === 'error')
    client.sendRaw(frameOfBytes(maxFrameBytes * 4))

    expect(await refused).toMatchObject({ code: 'frame_too_large' })
    expect((await client.request({ op: 'ping' })).op).toBe('pong')
    client.close()
  })

  it('closes the socket with 1009 past four times the limit', async () => {
    const client = await TestClient.connect(
      server.wsUrl,
      app.id,
      await userToken(app, 'far-too-big'),
    )
    client.sendRaw(frameOfBytes(maxFrameBytes * 4 + 1))

    // Whichever comes first: a close, or a frame that shows it was read.
    const outcome = await Promise.race([
      client.closed,
      client.next(() => true, 10_000).catch(() => undefined),
    ])
    expect(outcome).toMatchObject({ code: closeCodes.tooBig })
    expect(client.ofOp('error')).toEqual([])
    expect((await alice.request({ op: 'ping' })).op).toBe('pong')
  })
})

describe('commands on a missing message', () => {
  const commands = [
    ['edit', { text: 'changed' }],
    ['delete', {}],
    ['react', { emoji: '👍', on: true }],
  ] as const

  it.each(commands)(
    'answers %s of an unknown id with message_not_found',
    async (op, fields) => {
      const room = await freshRoom()
      await sendMessage(alice, room, 'a real message')

      const reply = await alice.request({
        op,
        room,
        clientId: `${op}-missing`,
        target: 'no-such-message',
        ...fields,
      } as ClientFrame)

      expect(reply).toMatchObject({
        op: 'error',
        code: 'message_not_found',
        retryable: false,
        clientId: `${op}-missing`,
        room,
      })
      const replay = (await alice.request({
        op: 'replay',
        room,
        after: 0,
      })) as Extract<ServerFrame, { op: 'replay' }>
      expect(replay.events.map((event) => event.kind)).toEqual(['message'])
    },
  )

  it.each(commands)(
    'answers %s of a message from another room with message_not_found',
    async (op, fields) => {
      const home = await freshRoom()
      const elsewhere = await freshRoom()
      const sent = (await sendMessage(alice, home, 'lives here')) as {
        id: string
      }

      const reply = await alice.request({
        op,
        room: elsewhere,
        clientId: `${op}-elsewhere`,
        target: sent.id,
        ...fields,
      } as ClientFrame)

      expect(reply).toMatchObject({
        op: 'error',
        code: 'message_not_found',
        room: elsewhere,
      })
    },
  )
})

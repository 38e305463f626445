import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { closeCodes } from '@algochat/protocol'
import { describe, expect, it } from 'vitest'
import { AdminApi } from './support/admin-api.js'
import { ServerProcess, withoutEngines } from './support/server-process.js'
import { sendMessage, TestClient } from './support/test-client.js'
import { userToken } from './support/tokens.js'

const execute = promisify(execFile)

/** Runs the CLI as a user of the embedded set would. */
function run(command: string, args: string[]) {
  return execute(command, args, { env: withoutEngines(process.env, true) })
}
const cli = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url))

describe('graceful shutdown', () => {
  it('tells clients to reconnect and keeps every accepted message', async () => {
    const server = await ServerProcess.start({
      env: {
        ALGOCHAT_CONNECTION_RATE: '10000',
        ALGOCHAT_CONNECTION_BURST: '10000',
      },
    })
    const app = await server.devApp()
    const client = await TestClient.connect(
      server.wsUrl,
      app.id,
      await userToken(app, 'busy'),
    )
    await client.request({ op: 'join', room: 'lobby' })

    // Fire a burst without waiting, then stop while it is in flight.
    for (let i = 0; i < 200; i++) {
      client.send({
        op: 'send',
        room: 'lobby',
        clientId: `burst-${i}`,
        text: `m${i}`,
      })
    }
    await client.next((frame) => frame.op === 'accepted')
    const reconnect = client.next((frame) => frame.op === 'reconnect')
    expect(await server.stop()).toBe(0)
    expect(await reconnect).toMatchObject({ reason: 'shutting_down' })
    expect((await client.closed).code).toBe(closeCodes.restart)

    const accepted = new Set(
      client.ofOp('accepted').map((frame) => frame.clientId),
    )
    const restarted = await ServerProcess.start({ dataDir: server.dataDir })
    const admin = new AdminApi(restarted.url, app)
    const stored = await admin.call('GET', '/rooms/lobby/events?limit=1000')
    await restarted.stop()

    const storedIds = (stored.body['events'] as { clientId: string }[]).map(
      (e) => e.clientId,
    )
    expect(accepted.size).toBeGreaterThan(0)
    for (const clientId of accepted) expect(storedIds).toContain(clientId)
    expect(new Set(storedIds).size).toBe(storedIds.length)
  })
})

describe('restarts', () => {
  it('keeps apps, rooms and history in the data directory across kill -9', async () => {
    const server = await ServerProcess.start()
    const app = await server.devApp()
    const client = await TestClient.connect(
      server.wsUrl,
      app.id,
      await userToken(app, 'keeper'),
    )
    await client.request({ op: 'join', room: 'lobby' })
    for (let i = 1; i <= 3; i++) await sendMessage(client, 'lobby', `kept ${i}`)
    await server.kill()

    const again = await ServerProcess.start({ dataDir: server.dataDir })
    expect(await again.devApp()).toEqual(app)
    const back = await TestClient.connect(
      again.wsUrl,
      app.id,
      await userToken(app, 'keeper'),
    )
    const history = await back.request({ op: 'history', room: 'lobby' })
    const next = await sendMessage(back, 'lobby', 'kept 4')
    back.close()
    await again.stop()

    expect(
      history.op === 'history' && history.messages.map((m) => m.text),
    ).toEqual(['kept 1', 'kept 2', 'kept 3'])
    expect(next).toMatchObject({ op: 'ack', seq: 4 })
  })
})

describe('connection health', () => {
  it('closes a socket that stops sending heartbeats', async () => {
    const server = await ServerProcess.start({
      env: { ALGOCHAT_HEARTBEAT_MS: '1000' },
    })
    const app = await server.devApp()
    const client = await TestClient.open(server.wsUrl, app.id)
    const welcome = await client.request({
      op: 'auth',
      token: await userToken(app, 'quiet'),
    })
    const { code } = await client.closed
    await server.stop()

    expect(welcome).toMatchObject({ heartbeatMs: 1000 })
    expect(code).toBe(closeCodes.heartbeat)
    expect(client.ofOp('error').at(-1)).toMatchObject({
      code: 'heartbeat_timeout',
    })
  })

  it('closes a reader that stops reading instead of buffering without bound', async () => {
    const server = await ServerProcess.start({
      env: {
        ALGOCHAT_MAX_BUFFERED_BYTES: '65536',
        ALGOCHAT_USER_COMMAND_RATE: '100000',
        ALGOCHAT_USER_COMMAND_BURST: '100000',
        ALGOCHAT_CONNECTION_RATE: '100000',
        ALGOCHAT_CONNECTION_BURST: '100000',
      },
    })
    const app = await server.devApp()
    const slow = await TestClient.connect(
      server.wsUrl,
      app.id,
      await userToken(app, 'slow'),
    )
    const fast = await TestClient.connect(
      server.wsUrl,
      app.id,
      await userToken(app, 'fast'),
    )
    for (const client of [slow, fast]) {
      await client.request({ op: 'join', room: 'lobby' })
      await client.request({ op: 'subscribe', room: 'lobby' })
    }

    // Stop reading: the kernel buffers fill, then the server's queue grows.
    const raw = (slow.socket as unknown as { _socket: { pause(): void } })
      ._socket
    raw.pause()
    const text = 'z'.repeat(3_900)
    let closed: number | undefined
    void slow.closed.then(({ code }) => (closed = code))
    for (let i = 0; i < 4_000 && closed === undefined; i++) {
      await sendMessage(fast, 'lobby', text, `flood-${i}`)
      if (i % 100 === 99) raw.pause()
    }
    ;(raw as unknown as { resume(): void }).resume()
    const { code } = await slow.closed
    const stillServed = await fast.request({ op: 'ping' })
    fast.close()
    await server.stop()

    expect(code).toBe(closeCodes.slowConsumer)
    expect(stillServed.op).toBe('pong')
  }, 60_000)
})

describe('the CLI', () => {
  it('creates an app and mints a token the server accepts', async () => {
    const server = await ServerProcess.start()
    const created = await run(process.execPath, [
      cli,
      'app',
      'create',
      '--data',
      server.dataDir,
      '--id',
      'cli-app',
      '--guests',
    ])
    const app = JSON.parse(created.stdout) as {
      id: string
      secret: string
      allowGuests: boolean
    }
    expect(app).toMatchObject({ id: 'cli-app', allowGuests: true })

    const minted = await run(process.execPath, [
      cli,
      'token',
      '--data',
      server.dataDir,
      '--app',
      'cli-app',
      '--user',
      'scripted',
    ])
    const client = await TestClient.open(server.wsUrl, 'cli-app')
    const welcome = await client.request({
      op: 'auth',
      token: minted.stdout.trim(),
    })
    client.close()
    await server.stop()

    expect(welcome).toMatchObject({ op: 'welcome', user: { id: 'scripted' } })
  })

  it('explains itself and fails clearly on an unknown command', async () => {
    const help = await run(process.execPath, [cli, 'start', '--help'])
    expect(help.stdout).toContain('--data')
    await expect(
      run(process.execPath, [cli, 'frobnicate']),
    ).rejects.toMatchObject({
      code: 2,
    })
  })
})

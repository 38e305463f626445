import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { scrapeMetrics, sampleValue } from './support/prometheus.js'
import { ServerProcess } from './support/server-process.js'
import { sendMessage, TestClient } from './support/test-client.js'
import { userToken } from './support/tokens.js'

let server: ServerProcess
let app: { id: string; secret: string }
let roomCounter = 0

beforeAll(async () => {
  server = await ServerProcess.start()
  app = await server.devApp()
})

afterAll(async () => {
  await server?.stop()
})

async function connect(user: string): Promise<TestClient> {
  return TestClient.connect(server.wsUrl, app.id, await userToken(app, user))
}

/** A fresh public room every client joined and subscribed to. */
async function freshRoom(clients: TestClient[]): Promise<string> {
  const room = `ops-${++roomCounter}`
  const [owner, ...others] = clients
  if (!owner) throw new Error('a room needs an owner')
  expect((await owner.request({ op: 'create', room, kind: 'public' })).op).toBe(
    'ok',
  )
  for (const client of others) {
    expect((await client.request({ op: 'join', room })).op).toBe('ok')
  }
  for (const client of clients) {
    expect((await client.request({ op: 'subscribe', room })).op).toBe(
      'subscribed',
    )
  }
  return room
}

/** The server's log lines: pino writes one JSON object per line. */
function logLines(): Record<string, unknown>[] {
  return server.output
    .join('')
    .split('\n')
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as Record<string, unknown>]
      } catch {
        return []
      }
    })
}

describe('algochat start', () => {
  it('prints its effective config and the demo link', async () => {
    const demoLink = `demo: open ${server.url}/ in two browser tabs`
    await vi.waitFor(() =>
      expect(logLines().map((line) => line['msg'])).toContain(demoLink),
    )

    const start = logLines().find((line) => line['msg'] === 'algochat start')
    expect(start?.['config']).toEqual({
      port: server.port,
      host: '127.0.0.1',
      dataDir: server.dataDir,
      bus: 'in-process',
      log: 'in-process',
      messages: 'sqlite',
      accounts: 'sqlite',
      sequencer: true,
      gateway: true,
      demo: true,
    })
  })
})

describe('the demo page', () => {
  it('serves an HTML page that embeds the widget for the dev app', async () => {
    const response = await fetch(`${server.url}/`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe(
      'text/html; charset=utf-8',
    )

    const html = await response.text()
    expect(html).toMatch(/^<!doctype html>/i)
    expect(html).toContain('<script type="module" src="/demo.js"></script>')
    const embed = /<script\s+src="\/embed\.js"([^>]*)>/.exec(html)
    expect(embed?.[1]).toContain(`data-app="${app.id}"`)
    expect(embed?.[1]).toContain('data-guest="true"')
    expect(embed?.[1]).toContain('data-rooms="lobby"')
  })

  it("serves the page's own script and styles", async () => {
    const script = await fetch(`${server.url}/demo.js`)
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toBe(
      'text/javascript; charset=utf-8',
    )
    expect(await script.text()).toContain('window.Algochat')

    const styles = await fetch(`${server.url}/demo.css`)
    expect(styles.status).toBe(200)
    expect(styles.headers.get('content-type')).toBe('text/css; charset=utf-8')
  })
})

describe('metrics', () => {
  it('counts messages, coded errors, fan-out and open sockets', async () => {
    const alice = await connect('alice')
    const bob = await connect('bob')
    const room = await freshRoom([alice, bob])
    const before = await scrapeMetrics(server.url)

    const sent = 3
    for (let i = 0; i < sent; i++) await sendMessage(alice, room, `m${i}`)
    const refused = bob.next((frame) => frame.op === 'error')
    bob.send({ op: 'frobnicate' })
    expect(await refused).toMatchObject({ code: 'unknown_op' })

    const after = await scrapeMetrics(server.url)
    const delta = (name: string, labels: Record<string, string> = {}) =>
      sampleValue(after, name, labels) - sampleValue(before, name, labels)
    expect(delta('algochat_commands_accepted_total', { op: 'send' })).toBe(sent)
    expect(delta('algochat_events_sequenced_total', { kind: 'message' })).toBe(
      sent,
    )
    expect(delta('algochat_errors_total', { code: 'unknown_op' })).toBe(1)
    expect(delta('algochat_fanout_latency_seconds_count')).toBe(sent)
    expect(sampleValue(after, 'algochat_fanout_latency_seconds_count')).toBe(
      sampleValue(after, 'algochat_fanout_latency_seconds_bucket', {
        le: '+Inf',
      }),
    )

    // A closed socket is counted out when the server sees the close.
    const connections = async () =>
      sampleValue(await scrapeMetrics(server.url), 'algochat_connections')
    await vi.waitFor(async () => expect(await connections()).toBe(2))
    bob.close()
    await vi.waitFor(async () => expect(await connections()).toBe(1))
    alice.close()
    await vi.waitFor(async () => expect(await connections()).toBe(0))
  })
})

describe('the sequencer', () => {
  it('stores commands arriving together in shared batches', async () => {
    const senders = await Promise.all(
      ['s1', 's2', 's3', 's4', 's5'].map((user) => connect(user)),
    )
    const room = await freshRoom(senders)
    const before = await scrapeMetrics(server.url)

    const perSender = 10
    const acks = senders.flatMap((client, index) =>
      Array.from({ length: perSender }, (_, i) =>
        sendMessage(client, room, `burst ${index}.${i}`),
      ),
    )
    const replies = await Promise.all(acks)
    expect(replies.every((reply) => reply.op === 'ack')).toBe(true)

    const after = await scrapeMetrics(server.url)
    const delta = (name: string) =>
      sampleValue(after, name) - sampleValue(before, name)
    const commands = delta('algochat_sequencer_batch_size_sum')
    const batches = delta('algochat_sequencer_batch_size_count')
    expect(commands).toBe(acks.length)
    expect(batches).toBeGreaterThan(0)
    expect(batches).toBeLessThan(acks.length)

    for (const client of senders) client.close()
  })
})

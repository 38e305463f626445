import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Delivery, DriverClient } from '../drivers/driver.js'
import { AlgochatTarget } from './algochat-target.js'

const cliPath = join(
  dirname(fileURLToPath(import.meta.resolve('@algochat/server'))),
  'cli',
  'main.js',
)

// Runs against the built server; `pnpm --filter @algochat/server build`.
describe.skipIf(!existsSync(cliPath))('AlgochatTarget and driver', () => {
  const target = new AlgochatTarget()
  let dataDir = ''

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'algochat-bench-test-'))
    await target.start({
      cpus: undefined,
      cpuProfileDir: undefined,
      dataDir,
      logFile: undefined,
    })
  }, 30_000)

  afterAll(async () => {
    await target.stop()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('delivers every published payload to every member, once', async () => {
    const members = ['ada', 'bob', 'cy']
    await target.provision({ rooms: [{ id: 'bench-room', members }] }, () => {})

    const received = new Map<string, Delivery[]>()
    const clients: DriverClient[] = []
    for (const user of members) {
      received.set(user, [])
      const client = await target.driver().connect({
        user,
        localAddress: '127.0.0.2',
        onDelivery: (delivery) => received.get(user)!.push(delivery),
        onError: (code) => {
          throw new Error(`server error ${code}`)
        },
        onClose: () => {},
      })
      await client.join('bench-room')
      clients.push(client)
    }

    clients.forEach((client, i) => client.publish('bench-room', `hello ${i}`))
    const deadline = Date.now() + 10_000
    while (
      [...received.values()].some((list) => list.length < 3) &&
      Date.now() < deadline
    ) {
      await new Promise((resolve) => setTimeout(resolve, 20))
    }
    await Promise.all(clients.map((client) => client.close()))

    for (const list of received.values()) {
      expect(list.map((d) => d.payload).sort()).toEqual([
        'hello 0',
        'hello 1',
        'hello 2',
      ])
      expect(list.every((d) => d.room === 'bench-room')).toBe(true)
    }
    const counters = await target.counters()
    expect(counters['accepted']).toBe(3)
  }, 30_000)
})

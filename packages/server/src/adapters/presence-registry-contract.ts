import { randomUUID } from 'node:crypto'

import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { caseWhere } from './contract-case.js'

import type { PresenceRegistry } from '../ports/index.js'

export interface PresenceRegistryContract {
  /** Opens the registry of one node; its entries live `ttlMs` unrefreshed. */
  open(node: string, ttlMs: number): Promise<PresenceRegistry>
  /**
   * Present where registries of different nodes share state (Redis):
   * ends a node as a crash would, without leaving or refreshing again.
   * The memory registry is one process's own; its entries die with it,
   * so nothing is shared between instances and nothing needs a TTL.
   */
  shared?: { crash(registry: PresenceRegistry): Promise<void> }
}

/**
 * The behaviour every presence registry must show. Each test works in an
 * app of its own, so runs can share one engine without cleaning up.
 */
export function describePresenceRegistryContract(
  name: string,
  { open, shared }: PresenceRegistryContract,
): void {
  describe(`${name} presence registry`, () => {
    const opened: PresenceRegistry[] = []
    let app = ''

    beforeEach(() => {
      app = `app-${randomUUID().slice(0, 8)}`
    })

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((registry) => registry.close()))
    })

    async function node(id = 'n1', ttlMs = 30_000): Promise<PresenceRegistry> {
      const registry = await open(id, ttlMs)
      opened.push(registry)
      return registry
    }

    // Short enough to wait out, long enough for a loaded machine's timers.
    const shortTtlMs = 1_000

    function sleep(ms: number): Promise<void> {
      return new Promise((resolve) => setTimeout(resolve, ms))
    }

    test('entering reports coming online once and lists the user', async () => {
      const presence = await node()

      expect(await presence.enter(app, 'lobby', 'ada')).toBe(true)
      expect(await presence.enter(app, 'lobby', 'ada')).toBe(false)
      expect(await presence.enter(app, 'lobby', 'bob')).toBe(true)

      expect((await presence.online(app, 'lobby')).toSorted()).toEqual([
        'ada',
        'bob',
      ])
    })

    test('a user goes offline when the last connection leaves', async () => {
      const presence = await node()
      await presence.enter(app, 'lobby', 'ada')
      await presence.enter(app, 'lobby', 'ada')

      expect(await presence.leave(app, 'lobby', 'ada')).toBe(false)
      expect(await presence.online(app, 'lobby')).toEqual(['ada'])
      expect(await presence.leave(app, 'lobby', 'ada')).toBe(true)
      expect(await presence.online(app, 'lobby')).toEqual([])
      expect(await presence.leave(app, 'lobby', 'ada')).toBe(false)
    })

    test('presence is kept per app and room', async () => {
      const presence = await node()
      const otherApp = `${app}-other`
      await presence.enter(app, 'lobby', 'ada')

      expect(await presence.online(app, 'garden')).toEqual([])
      expect(await presence.online(otherApp, 'lobby')).toEqual([])
      expect(await presence.enter(otherApp, 'lobby', 'ada')).toBe(true)
    })

    caseWhere(shared)('nodes see each other’s users', async () => {
      const [one, two] = [await node('n1'), await node('n2')]

      expect(await one.enter(app, 'lobby', 'ada')).toBe(true)
      expect(await two.online(app, 'lobby')).toEqual(['ada'])
      expect(await two.enter(app, 'lobby', 'ada')).toBe(false)

      expect(await one.leave(app, 'lobby', 'ada')).toBe(false)
      expect(await two.leave(app, 'lobby', 'ada')).toBe(true)
      expect(await one.online(app, 'lobby')).toEqual([])
    })

    caseWhere(shared)('a live node keeps its users past the TTL', async () => {
      const [one, two] = [
        await node('n1', shortTtlMs),
        await node('n2', shortTtlMs),
      ]
      await one.enter(app, 'lobby', 'ada')

      await sleep(2.5 * shortTtlMs)

      expect(await two.online(app, 'lobby')).toEqual(['ada'])
    })

    caseWhere(shared)(
      'a crashed node’s users expire after the TTL',
      async () => {
        const [one, two] = [
          await node('n1', shortTtlMs),
          await node('n2', shortTtlMs),
        ]
        await one.enter(app, 'lobby', 'ada')
        await two.enter(app, 'lobby', 'bob')

        await shared?.crash(one)
        expect((await two.online(app, 'lobby')).toSorted()).toEqual([
          'ada',
          'bob',
        ])
        await sleep(1.2 * shortTtlMs)

        expect(await two.online(app, 'lobby')).toEqual(['bob'])
      },
    )
  })
}

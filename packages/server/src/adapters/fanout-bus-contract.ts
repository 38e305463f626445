import { randomUUID } from 'node:crypto'

import { afterEach, describe, expect, test } from 'vitest'
import { caseWhere } from './contract-case.js'

import type { FanoutBus } from '../ports/index.js'
import { eventually } from './eventually.js'

export interface FanoutBusContract {
  /** Opens a bus, as one node would. */
  open(): Promise<FanoutBus>
  /**
   * Whether buses opened separately reach each other, as nodes sharing
   * one Redis do. The memory bus is one process's bus: an embedded
   * server is a single node, so its instances share nothing and the
   * cross-node cases do not apply to it.
   */
  sharedAcrossInstances: boolean
}

/**
 * The behaviour every fan-out bus must show. When the bus is shared, the
 * publisher in each test is another instance than the subscriber, so
 * every case also crosses nodes.
 */
export function describeFanoutBusContract(
  name: string,
  { open, sharedAcrossInstances }: FanoutBusContract,
): void {
  describe(`${name} fan-out bus`, () => {
    const opened: FanoutBus[] = []

    afterEach(async () => {
      await Promise.all(opened.splice(0).map((bus) => bus.close()))
    })

    async function openBus(): Promise<FanoutBus> {
      const bus = await open()
      opened.push(bus)
      return bus
    }

    /** A publishing and a subscribing node; one bus when not shared. */
    async function nodes(): Promise<[FanoutBus, FanoutBus]> {
      const subscriber = await openBus()
      const publisher = sharedAcrossInstances ? await openBus() : subscriber
      return [publisher, subscriber]
    }

    function channel(): string {
      return `contract-${randomUUID().slice(0, 8)}`
    }

    /** Subscribes and returns the list the payloads land in. */
    async function follow(bus: FanoutBus, name: string): Promise<string[]> {
      const received: string[] = []
      await bus.subscribe(name, (payload) => received.push(payload))
      return received
    }

    test('a publish reaches the subscriber of its channel only', async () => {
      const [publisher, subscriber] = await nodes()
      const [lobby, other] = [channel(), channel()]
      const inLobby = await follow(subscriber, lobby)
      const inOther = await follow(subscriber, other)

      await publisher.publish(lobby, 'hello')
      await publisher.publish(other, 'marker')
      await eventually(() => inOther.length > 0)

      expect(inLobby).toEqual(['hello'])
      expect(inOther).toEqual(['marker'])
    })

    // A node follows a channel once and fans out to its own sockets.
    test('subscribing again to a channel replaces its handler', async () => {
      const [publisher, subscriber] = await nodes()
      const lobby = channel()
      const first = await follow(subscriber, lobby)
      const second = await follow(subscriber, lobby)

      await publisher.publish(lobby, 'hello')
      await eventually(() => second.length > 0)

      expect(first).toEqual([])
      expect(second).toEqual(['hello'])
    })

    test('unsubscribing stops delivery on that channel', async () => {
      const [publisher, subscriber] = await nodes()
      const [lobby, other] = [channel(), channel()]
      const inLobby = await follow(subscriber, lobby)
      const inOther = await follow(subscriber, other)
      await publisher.publish(lobby, 'before')
      await eventually(() => inLobby.length > 0)

      await subscriber.unsubscribe(lobby)
      await publisher.publish(lobby, 'after')
      await publisher.publish(other, 'marker')
      await eventually(() => inOther.length > 0)

      expect(inLobby).toEqual(['before'])
    })

    test('one publisher’s messages arrive in publish order', async () => {
      const [publisher, subscriber] = await nodes()
      const lobby = channel()
      const received = await follow(subscriber, lobby)
      const sent = Array.from({ length: 200 }, (_, i) => `m${i}`)

      await Promise.all(
        sent.map((payload) => publisher.publish(lobby, payload)),
      )
      await eventually(() => received.length >= sent.length)

      expect(received).toEqual(sent)
    })

    // Reconnecting needs the engine to go away; the fault suite covers it.
    test('a reconnect listener is not called while connected', async () => {
      const [publisher, subscriber] = await nodes()
      const lobby = channel()
      let reconnects = 0
      subscriber.onReconnect(() => reconnects++)
      const received = await follow(subscriber, lobby)

      await publisher.publish(lobby, 'hello')
      await eventually(() => received.length > 0)

      expect(reconnects).toBe(0)
      expect(await subscriber.ping()).toBe(true)
    })

    caseWhere(sharedAcrossInstances)(
      'every node subscribed to a channel gets each publish',
      async () => {
        const [publisher, first] = await nodes()
        const second = await openBus()
        const lobby = channel()
        const inFirst = await follow(first, lobby)
        const inSecond = await follow(second, lobby)

        await publisher.publish(lobby, 'hello')
        await eventually(() => inFirst.length > 0 && inSecond.length > 0)

        expect([inFirst, inSecond]).toEqual([['hello'], ['hello']])
      },
    )
  })
}

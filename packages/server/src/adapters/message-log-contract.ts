import { randomUUID } from 'node:crypto'

import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { caseWhere } from './contract-case.js'

import type { LogCommand, MessageLog } from '../ports/index.js'
import { eventually } from './eventually.js'

export interface MessageLogContract {
  /**
   * Opens a log that consumes as a group of its own. The same `name`
   * opens the same log again, where the engine keeps it.
   */
  open(name: string): Promise<MessageLog>
  /**
   * Whether a command outlives the instance that appended it, as Kafka's
   * do. The memory log's queue lives and dies with its process.
   */
  outlivesInstance: boolean
}

/**
 * The behaviour every message log must show. Each test opens logs under
 * a fresh name and in apps of its own.
 */
export function describeMessageLogContract(
  name: string,
  { open, outlivesInstance }: MessageLogContract,
): void {
  describe(`${name} message log`, () => {
    const opened: MessageLog[] = []
    let app = ''

    afterEach(async () => {
      for (const log of opened.splice(0)) await log.close()
    })

    async function openLog(logName = app): Promise<MessageLog> {
      const log = await open(logName)
      opened.push(log)
      return log
    }

    function command(room: string, clientId: string): LogCommand {
      const base = { app, room, user: 'ada', node: 'contract', at: 0 }
      return { ...base, op: 'send', clientId, text: clientId }
    }

    /** Consumes into a list of `room:clientId`, in handling order. */
    async function collect(log: MessageLog): Promise<string[]> {
      const handled: string[] = []
      await log.consume(async (batch) => {
        handled.push(...batch.map((c) => `${c.room}:${c.clientId}`))
      })
      return handled
    }

    function inRoom(handled: string[], room: string): string[] {
      return handled.filter((entry) => entry.startsWith(`${room}:`))
    }

    beforeEach(() => {
      app = `app-${randomUUID().slice(0, 8)}`
    })

    test('an append made before consuming is handed over', async () => {
      const log = await openLog()
      await log.append(command('lobby', 'c1'))

      const handled = await collect(log)
      await eventually(() => handled.length > 0)

      expect(handled).toEqual(['lobby:c1'])
    })

    test('commands arrive in append order per room', async () => {
      const log = await openLog()
      const handled = await collect(log)
      const ids = Array.from({ length: 10 }, (_, i) => `c${i}`)

      for (const id of ids) {
        await log.append(command('lobby', id))
        await log.append(command('garden', id))
      }
      await eventually(() => handled.length >= 2 * ids.length)

      expect(inRoom(handled, 'lobby')).toEqual(ids.map((id) => `lobby:${id}`))
      expect(inRoom(handled, 'garden')).toEqual(ids.map((id) => `garden:${id}`))
    })

    test('a failed batch returns whole and later ones wait', async () => {
      const log = await openLog()
      const attempts: { ids: string[]; ok: boolean }[] = []
      const handled: string[] = []
      let storeUp = false
      await log.consume(async (batch) => {
        const ids = batch.map((c) => c.clientId)
        attempts.push({ ids, ok: storeUp })
        if (!storeUp) throw new Error('store down')
        handled.push(...ids)
      })

      await log.append(command('lobby', 'a'))
      await log.append(command('lobby', 'b'))
      await eventually(() => attempts.length > 0)
      await log.append(command('lobby', 'c'))
      storeUp = true
      await eventually(() => handled.includes('c'))

      // Every attempt up to the first success starts with the failed batch.
      const failed = attempts[0]?.ids ?? []
      const upToSuccess = attempts.slice(0, attempts.findIndex((a) => a.ok) + 1)
      expect(failed[0]).toBe('a')
      for (const { ids } of upToSuccess) {
        expect(ids.slice(0, failed.length)).toEqual(failed)
      }
      expect(handled).toEqual(['a', 'b', 'c'])
    })

    test('commands appended concurrently each arrive once', async () => {
      const log = await openLog()
      const handled = await collect(log)
      const rooms = ['lobby', 'garden', 'attic']
      const sent = rooms.flatMap((room) =>
        Array.from({ length: 20 }, (_, i) => command(room, `c${i}`)),
      )

      await Promise.all(sent.map((c) => log.append(c)))
      // A last command per room arrives after any repeat of that room's.
      for (const room of rooms) await log.append(command(room, 'last'))
      await eventually(() => rooms.every((r) => handled.includes(`${r}:last`)))

      const expected = [...sent, ...rooms.map((r) => command(r, 'last'))]
      expect(handled.toSorted()).toEqual(
        expected.map((c) => `${c.room}:${c.clientId}`).toSorted(),
      )
    })

    caseWhere(outlivesInstance)(
      'a command outlives the instance that appended it',
      async () => {
        const writer = await openLog()
        await writer.append(command('lobby', 'c1'))
        await writer.close()

        const handled = await collect(await openLog())
        await eventually(() => handled.length > 0)

        expect(handled).toEqual(['lobby:c1'])
      },
    )
  })
}

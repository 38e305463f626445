import { describe, expect, it } from 'vitest'
import type { LogCommand } from '../../ports/message-log.js'
import { describeMessageLogContract } from '../message-log-contract.js'
import { MemoryLog } from './memory-log.js'

function command(clientId: string): LogCommand {
  return {
    op: 'send',
    app: 'app',
    room: 'room',
    user: 'ann',
    clientId,
    node: 'test',
    at: 0,
    text: clientId,
  }
}

describe('MemoryLog', () => {
  it('batches appends made together and keeps their order', async () => {
    const log = new MemoryLog()
    const batches: string[][] = []
    await log.consume(async (batch) => {
      batches.push(batch.map((c) => c.clientId))
    })
    await Promise.all(['a', 'b', 'c'].map((id) => log.append(command(id))))
    await log.close()

    expect(batches).toEqual([['a', 'b', 'c']])
  })

  it('offers a failed batch again, in the same order', async () => {
    const log = new MemoryLog({ retryDelayMs: 5 })
    const seen: string[][] = []
    let failures = 1
    await log.consume(async (batch) => {
      seen.push(batch.map((c) => c.clientId))
      if (failures-- > 0) throw new Error('store down')
    })
    await log.append(command('a'))
    await log.append(command('b'))
    await log.close()

    expect(seen).toEqual([
      ['a', 'b'],
      ['a', 'b'],
    ])
  })

  it('drains every accepted command before closing', async () => {
    const log = new MemoryLog({ maxBatch: 2 })
    const handled: string[] = []
    await log.consume(async (batch) => {
      await new Promise((resolve) => setTimeout(resolve, 5))
      handled.push(...batch.map((c) => c.clientId))
    })
    for (const id of ['a', 'b', 'c', 'd', 'e']) await log.append(command(id))
    await log.close()

    expect(handled).toEqual(['a', 'b', 'c', 'd', 'e'])
    await expect(log.append(command('late'))).rejects.toThrow('closed')
  })
})

describeMessageLogContract('memory', {
  // A fast retry keeps the failing-batch case short.
  open: async () => new MemoryLog({ retryDelayMs: 20 }),
  outlivesInstance: false,
})

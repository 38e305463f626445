import { expect, test } from 'vitest'

import { eventually } from '../eventually.js'
import { describeFanoutBusContract } from '../fanout-bus-contract.js'
import { MemoryBus } from './memory-bus.js'

describeFanoutBusContract('memory', {
  open: async () => new MemoryBus(),
  sharedAcrossInstances: false,
})

// Two embedded servers in one process are two separate deployments.
test('separate memory buses share nothing', async () => {
  const [one, other] = [new MemoryBus(), new MemoryBus()]
  const inOne: string[] = []
  const inOther: string[] = []
  await one.subscribe('lobby', (payload) => inOne.push(payload))
  await other.subscribe('lobby', (payload) => inOther.push(payload))

  await one.publish('lobby', 'hello')
  await eventually(() => inOne.length > 0)

  expect(inOther).toEqual([])
})

import { describe, expect, it } from 'vitest'
import type { DriverClient } from '../drivers/driver.js'
import { runChurn } from './churn.js'

/** Only what churn touches of a client: whether it is up, and a cut. */
function fakeClient(): DriverClient {
  const client = {
    connected: true,
    drop() {
      client.connected = false
    },
  }
  return client as unknown as DriverClient
}

describe('runChurn', () => {
  it('cuts the share asked for and brings each client back', async () => {
    const live = Array.from({ length: 100 }, fakeClient)
    const back: number[] = []
    const result = await runChurn(
      live,
      async (index) => {
        back.push(index)
        live[index] = fakeClient()
      },
      { seconds: 1, sharePerSecond: 0.2, awayMs: 50 },
    )

    // 20% of 100 clients per second over one second, one per 100 ms tick.
    expect(result.cycles).toBeGreaterThanOrEqual(18)
    expect(result.cycles).toBeLessThanOrEqual(20)
    expect(result.failed).toBe(0)
    expect(back).toHaveLength(result.cycles)
    expect(live.every((client) => client.connected)).toBe(true)
  })

  it('counts a reconnect that fails and waits for every return', async () => {
    const live = Array.from({ length: 10 }, fakeClient)
    const result = await runChurn(
      live,
      async () => {
        throw new Error('refused')
      },
      { seconds: 0.5, sharePerSecond: 1, awayMs: 20 },
    )
    expect(result.cycles).toBeGreaterThan(0)
    expect(result.failed).toBe(result.cycles)
  })
})

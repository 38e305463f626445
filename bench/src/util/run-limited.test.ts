import { describe, expect, it } from 'vitest'
import { runLimited } from './run-limited.js'

describe('runLimited', () => {
  it('runs every item and never more than the limit at once', async () => {
    let running = 0
    let peak = 0
    const done: number[] = []
    await runLimited([1, 2, 3, 4, 5, 6, 7], 3, async (item) => {
      running += 1
      peak = Math.max(peak, running)
      await new Promise((resolve) => setTimeout(resolve, 2))
      done.push(item)
      running -= 1
    })
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(peak).toBe(3)
  })

  it('stops taking items after a failure and rethrows it', async () => {
    const started: number[] = []
    await expect(
      runLimited([1, 2, 3, 4, 5], 1, async (item) => {
        started.push(item)
        if (item === 2) throw new Error('boom')
      }),
    ).rejects.toThrow('boom')
    expect(started).toEqual([1, 2])
  })
})

import { describe, expect, it } from 'vitest'
import { backlogOf } from './durable-traffic.js'

describe('backlogOf', () => {
  it('is what the node accepted and has not sequenced yet', () => {
    expect(backlogOf({ accepted: 1_200, sequenced: 1_150 })).toBe(50)
    expect(backlogOf({ accepted: 10, sequenced: 12 })).toBe(0)
  })

  it('is unknown when the node did not report both counters', () => {
    expect(backlogOf({})).toBeNull()
    expect(backlogOf({ accepted: 3 })).toBeNull()
  })
})

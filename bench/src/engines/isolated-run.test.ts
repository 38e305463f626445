import { describe, expect, it } from 'vitest'
import { isolatedNames, withDatabase } from './isolated-run.js'

describe('isolatedNames', () => {
  it('gives every engine object of a run the same suffix', () => {
    const names = isolatedNames('0a1b2c3d')
    expect(names.topic).toBe('algochat.bench.0a1b2c3d')
    expect(names.group).toBe('bench-sequencer-0a1b2c3d')
    expect(names.mongoDatabase).toBe('algochat_bench_0a1b2c3d')
    expect(names.postgresDatabase).toBe('algochat_bench_0a1b2c3d')
  })
})

describe('withDatabase', () => {
  it('replaces the database of an engine URL and keeps the rest', () => {
    expect(
      withDatabase('postgres://algochat@127.0.0.1:55432/algochat', 'x_1'),
    ).toBe('postgres://algochat@127.0.0.1:55432/x_1')
    expect(
      withDatabase('mongodb://127.0.0.1:27018/algochat?retryWrites=false', 'y'),
    ).toBe('mongodb://127.0.0.1:27018/y?retryWrites=false')
  })
})

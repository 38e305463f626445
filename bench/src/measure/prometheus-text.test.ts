import { describe, expect, it } from 'vitest'
import { sumMetrics } from './prometheus-text.js'

const text = `# HELP algochat_errors_total Errors by code
# TYPE algochat_errors_total counter
algochat_errors_total{code="rate_limited"} 3
algochat_errors_total{code="not_member",op="send"} 4
algochat_commands_accepted_total{op="send"} 1.5e3
algochat_sequencer_batch_size_sum 900
algochat_sequencer_batch_size_count 12
algochat_connections 2000
algochat_weird NaN
`

describe('sumMetrics', () => {
  it('sums every label set of the names asked for, ignoring others', () => {
    expect(
      sumMetrics(text, [
        'algochat_errors_total',
        'algochat_commands_accepted_total',
        'algochat_sequencer_batch_size_sum',
        'algochat_weird',
        'algochat_missing',
      ]),
    ).toEqual({
      algochat_errors_total: 7,
      algochat_commands_accepted_total: 1_500,
      algochat_sequencer_batch_size_sum: 900,
    })
  })

  it('does not confuse a name with a longer one sharing its prefix', () => {
    expect(sumMetrics(text, ['algochat_sequencer_batch_size'])).toEqual({})
  })
})

import type { ErrorCode } from '@algochat/protocol'
import { describe, expect, it } from 'vitest'
import { errorFromFrame } from './error-from-frame.js'

describe('errorFromFrame', () => {
  it("keeps the server's code, message and retryable flag", () => {
    const error = errorFromFrame({
      op: 'error',
      code: 'rate_limited',
      message: 'Too many requests, slow down',
      retryable: true,
    })
    expect(error.code).toBe('rate_limited')
    expect(error.message).toBe('Too many requests, slow down')
    expect(error.retryable).toBe(true)
  })

  it('keeps a code from a newer server, retried as the server says', () => {
    const error = errorFromFrame({
      op: 'error',
      code: 'quota_exceeded' as ErrorCode,
      message: 'Monthly quota used up',
      retryable: false,
    })
    expect(error.code).toBe('quota_exceeded')
    expect(error.retryable).toBe(false)
  })
})

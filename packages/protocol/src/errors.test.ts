import { describe, expect, it } from 'vitest'
import { AlgochatError } from './algochat-error.js'
import { errorCodes, isErrorCode } from './errors.js'

describe('error codes', () => {
  it('gives every code a message and a retryable flag', () => {
    for (const [code, entry] of Object.entries(errorCodes)) {
      expect(entry.message.length, code).toBeGreaterThan(0)
      expect(typeof entry.retryable, code).toBe('boolean')
    }
  })

  it('recognises only codes from the table', () => {
    expect(isErrorCode('rate_limited')).toBe(true)
    expect(isErrorCode('toString')).toBe(false)
    expect(isErrorCode(42)).toBe(false)
  })

  it('builds errors that keep code, retryability and cause', () => {
    const cause = new Error('socket closed')
    const error = new AlgochatError('log_unavailable', undefined, { cause })
    expect(error.code).toBe('log_unavailable')
    expect(error.retryable).toBe(true)
    expect(error.cause).toBe(cause)
    expect(error.message).toBe(errorCodes.log_unavailable.message)
  })
})

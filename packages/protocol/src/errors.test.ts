import { describe, expect, it } from 'vitest'
import { AlgochatError, describeError } from './algochat-error.js'
import { errorMessages } from './error-messages.js'
import { errorCodes, isErrorCode, isRetryable } from './errors.js'

describe('error codes', () => {
  it('gives every code, and nothing else, an English message', () => {
    for (const code of errorCodes) {
      expect(errorMessages[code], code).toMatch(/^[A-Z]/)
    }
    expect(Object.keys(errorMessages)).toEqual([...errorCodes])
    expect(new Set(errorCodes).size).toBe(errorCodes.length)
  })

  it('recognises only codes from the table', () => {
    expect(isErrorCode('rate_limited')).toBe(true)
    expect(isErrorCode('toString')).toBe(false)
    expect(isErrorCode(42)).toBe(false)
    expect(isRetryable('rate_limited')).toBe(true)
    expect(isRetryable('banned')).toBe(false)
  })

  it('lets the one who raises an error overrule its retryability', () => {
    expect(new AlgochatError('internal').retryable).toBe(true)
    const error = new AlgochatError('internal', 'x', { retryable: false })
    expect(error.retryable).toBe(false)
  })

  it('builds errors that keep code, retryability and cause', () => {
    const cause = new Error('socket closed')
    const error = new AlgochatError('log_unavailable', undefined, { cause })
    expect(error.code).toBe('log_unavailable')
    expect(error.retryable).toBe(true)
    expect(error.cause).toBe(cause)
    expect(error.message).toBe('log_unavailable')
  })

  it('describes an error by its own message, else by its code', () => {
    const plain = new AlgochatError('banned')
    const specific = new AlgochatError('invalid_field', 'Field "text"')
    expect(describeError(plain)).toBe('You are banned from this room')
    expect(describeError(specific)).toBe('Field "text"')
  })
})

import { errorCodes, type ErrorCode } from './errors.js'

/** The one error type Algochat throws; `code` comes from `errorCodes`. */
export class AlgochatError extends Error {
  override readonly name = 'AlgochatError'
  readonly code: ErrorCode
  readonly retryable: boolean

  constructor(
    code: ErrorCode,
    message: string = errorCodes[code].message,
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.code = code
    this.retryable = errorCodes[code].retryable
  }
}

import { errorMessages } from './error-messages.js'
import { isRetryable, type ErrorCode } from './errors.js'

export interface AlgochatErrorOptions {
  cause?: unknown
  /** Whether trying again can succeed; by default what the code says. */
  retryable?: boolean
}

/**
 * The one error type Algochat throws; `code` comes from `errorCodes`.
 *
 * Without a `message` the message is the code itself, which keeps the
 * English table out of browser bundles; `describeError` turns such an
 * error into the sentence the server sends.
 */
export class AlgochatError extends Error {
  override readonly name = 'AlgochatError'
  readonly code: ErrorCode
  readonly retryable: boolean

  constructor(
    code: ErrorCode,
    message: string = code,
    options: AlgochatErrorOptions = {},
  ) {
    super(message, options)
    this.code = code
    this.retryable = options.retryable ?? isRetryable(code)
  }
}

/** The error's own message, or the code's English text if it has none. */
export function describeError(error: AlgochatError): string {
  return error.message === error.code
    ? errorMessages[error.code]
    : error.message
}

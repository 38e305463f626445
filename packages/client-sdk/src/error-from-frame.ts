import { AlgochatError, isErrorCode } from '@algochat/protocol'
import type { ErrorFrame } from '@algochat/protocol'

/**
 * Turns an error frame into an `AlgochatError`. A code this SDK version
 * does not know (a newer server) becomes `internal`, which is retryable,
 * and keeps the server's message.
 */
export function errorFromFrame(frame: ErrorFrame): AlgochatError {
  const code = isErrorCode(frame.code) ? frame.code : 'internal'
  return new AlgochatError(code, frame.message)
}

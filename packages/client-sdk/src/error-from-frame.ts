import { AlgochatError } from '@algochat/protocol'
import type { ErrorFrame } from '@algochat/protocol'

/**
 * Turns an error frame into an `AlgochatError`. The server's word on
 * `retryable` wins, so a code this SDK version does not know yet (from a
 * newer server) is kept as sent and still retried or not as it should be.
 */
export function errorFromFrame(frame: ErrorFrame): AlgochatError {
  return new AlgochatError(frame.code, frame.message, {
    retryable: frame.retryable,
  })
}

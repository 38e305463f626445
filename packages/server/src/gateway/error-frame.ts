import {
  AlgochatError,
  describeError,
  type ClientFrame,
  type ErrorFrame,
} from '@algochat/protocol'

/** The error frame answering `frame`, carrying what lets a client match it. */
export function errorFrame(
  error: AlgochatError,
  frame: Partial<ClientFrame> | undefined,
): ErrorFrame {
  const request = (frame ?? {}) as {
    ref?: unknown
    clientId?: unknown
    room?: unknown
  }
  return {
    op: 'error',
    ...(typeof request.ref === 'string' ? { ref: request.ref } : {}),
    code: error.code,
    message: describeError(error),
    retryable: error.retryable,
    ...(typeof request.clientId === 'string'
      ? { clientId: request.clientId }
      : {}),
    ...(typeof request.room === 'string' ? { room: request.room } : {}),
  }
}

/** Any thrown value as an AlgochatError; unknown failures are internal. */
export function asAlgochatError(error: unknown): AlgochatError {
  if (error instanceof AlgochatError) return error
  return new AlgochatError('internal', undefined, { cause: error })
}

/**
 * Every error Algochat reports, on the wire, over REST and inside the SDK.
 *
 * A code is never reused for another meaning once published; retired codes
 * stay in this list so old clients keep understanding them. The English
 * text for each code lives apart, in `errorMessages`, so a browser bundle
 * that only branches on codes does not carry it.
 */
export const errorCodes = [
  'bad_frame',
  'unknown_op',
  'invalid_field',
  'forbidden_key',
  'frame_too_large',
  'text_too_long',
  'unsupported_version',
  'unauthenticated',
  'auth_timeout',
  'token_invalid',
  'token_expired',
  'wrong_app',
  'origin_not_allowed',
  'app_not_found',
  'guests_disabled',
  'unauthorized',
  'not_member',
  'forbidden',
  'banned',
  'muted',
  'room_not_found',
  'room_exists',
  'user_not_found',
  'message_not_found',
  'not_found',
  'rate_limited',
  'too_many_subscriptions',
  'slow_consumer',
  'heartbeat_timeout',
  'log_unavailable',
  'store_unavailable',
  'shutting_down',
  'timeout',
  'disconnected',
  'internal',
] as const

export type ErrorCode = (typeof errorCodes)[number]

/** Codes where repeating the same request later can succeed. */
export const retryableCodes = [
  'auth_timeout',
  'token_expired',
  'muted',
  'rate_limited',
  'slow_consumer',
  'heartbeat_timeout',
  'log_unavailable',
  'store_unavailable',
  'shutting_down',
  'timeout',
  'disconnected',
  'internal',
] as const satisfies readonly ErrorCode[]

export function isErrorCode(value: unknown): value is ErrorCode {
  return errorCodes.includes(value as ErrorCode)
}

export function isRetryable(code: ErrorCode): boolean {
  return (retryableCodes as readonly ErrorCode[]).includes(code)
}

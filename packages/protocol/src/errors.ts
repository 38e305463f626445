/**
 * Every error Algochat reports, on the wire, over REST and inside the SDK.
 *
 * A code is never reused for another meaning once published; retired codes
 * stay in this table so old clients keep understanding them. `retryable`
 * says whether repeating the same request later can succeed.
 */
export const errorCodes = {
  bad_frame: { retryable: false, message: 'Frame is not a JSON object' },
  unknown_op: { retryable: false, message: 'Unknown op' },
  invalid_field: {
    retryable: false,
    message: 'A field is missing or has the wrong type',
  },
  forbidden_key: {
    retryable: false,
    message: 'Keys starting with $ and __proto__ are not accepted',
  },
  frame_too_large: { retryable: false, message: 'Frame exceeds the limit' },
  text_too_long: { retryable: false, message: 'Text exceeds the limit' },
  unsupported_version: {
    retryable: false,
    message: 'Protocol version not supported',
  },
  unauthenticated: {
    retryable: false,
    message: 'Authenticate before any other op',
  },
  auth_timeout: {
    retryable: true,
    message: 'No auth frame arrived in time',
  },
  token_invalid: { retryable: false, message: 'Token is not valid' },
  token_expired: { retryable: true, message: 'Token has expired' },
  wrong_app: {
    retryable: false,
    message: 'Token belongs to another app',
  },
  origin_not_allowed: {
    retryable: false,
    message: 'Origin is not allowed for this app',
  },
  app_not_found: { retryable: false, message: 'App does not exist' },
  guests_disabled: {
    retryable: false,
    message: 'This app does not allow guests',
  },
  unauthorized: {
    retryable: false,
    message: 'Missing or wrong app secret',
  },
  not_member: {
    retryable: false,
    message: 'You are not a member of this room',
  },
  forbidden: {
    retryable: false,
    message: 'Your role does not allow this',
  },
  banned: { retryable: false, message: 'You are banned from this room' },
  muted: { retryable: true, message: 'You are muted in this room' },
  room_not_found: { retryable: false, message: 'Room does not exist' },
  room_exists: { retryable: false, message: 'Room already exists' },
  user_not_found: { retryable: false, message: 'User does not exist' },
  message_not_found: {
    retryable: false,
    message: 'Message does not exist',
  },
  not_found: { retryable: false, message: 'Not found' },
  rate_limited: { retryable: true, message: 'Too many requests, slow down' },
  too_many_subscriptions: {
    retryable: false,
    message: 'Subscription limit reached for this connection',
  },
  slow_consumer: {
    retryable: true,
    message: 'Connection fell too far behind and was closed',
  },
  heartbeat_timeout: {
    retryable: true,
    message: 'No heartbeat arrived in time',
  },
  log_unavailable: {
    retryable: true,
    message: 'Message log is unavailable, try again',
  },
  store_unavailable: {
    retryable: true,
    message: 'Storage is unavailable, try again',
  },
  shutting_down: {
    retryable: true,
    message: 'Server is restarting, reconnect',
  },
  timeout: { retryable: true, message: 'Request timed out' },
  disconnected: { retryable: true, message: 'Connection lost' },
  internal: { retryable: true, message: 'Internal error' },
} as const satisfies Record<string, { retryable: boolean; message: string }>

export type ErrorCode = keyof typeof errorCodes

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorCodes, value)
}

export function isRetryable(code: ErrorCode): boolean {
  return errorCodes[code].retryable
}

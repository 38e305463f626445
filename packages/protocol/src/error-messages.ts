import type { ErrorCode } from './errors.js'

/**
 * The English text the server sends with each code when nothing more
 * specific was said. Clients show it as is or translate by code.
 */
export const errorMessages: Record<ErrorCode, string> = {
  bad_frame: 'Frame is not a JSON object',
  unknown_op: 'Unknown op',
  invalid_field: 'A field is missing or has the wrong type',
  forbidden_key: 'Keys starting with $ and __proto__ are not accepted',
  frame_too_large: 'Frame exceeds the limit',
  text_too_long: 'Text exceeds the limit',
  unsupported_version: 'Protocol version not supported',
  unauthenticated: 'Authenticate before any other op',
  auth_timeout: 'No auth frame arrived in time',
  token_invalid: 'Token is not valid',
  token_expired: 'Token has expired',
  wrong_app: 'Token belongs to another app',
  origin_not_allowed: 'Origin is not allowed for this app',
  app_not_found: 'App does not exist',
  guests_disabled: 'This app does not allow guests',
  unauthorized: 'Missing or wrong app secret',
  not_member: 'You are not a member of this room',
  forbidden: 'Your role does not allow this',
  banned: 'You are banned from this room',
  muted: 'You are muted in this room',
  room_not_found: 'Room does not exist',
  room_exists: 'Room already exists',
  user_not_found: 'User does not exist',
  message_not_found: 'Message does not exist',
  not_found: 'Not found',
  rate_limited: 'Too many requests, slow down',
  too_many_subscriptions: 'Subscription limit reached for this connection',
  slow_consumer: 'Connection fell too far behind and was closed',
  heartbeat_timeout: 'No heartbeat arrived in time',
  log_unavailable: 'Message log is unavailable, try again',
  store_unavailable: 'Storage is unavailable, try again',
  shutting_down: 'Server is restarting, reconnect',
  timeout: 'Request timed out',
  disconnected: 'Connection lost',
  internal: 'Internal error',
}

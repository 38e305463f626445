/** Defaults the server announces in `welcome`; operators may change them. */
export const defaultLimits = {
  /** Largest accepted text frame, in bytes. */
  maxFrameBytes: 16_384,
  /** Longest message text, in UTF-16 code units. */
  maxTextLength: 4_000,
  /** Most rooms one connection may subscribe to. */
  maxSubscriptions: 500,
  /** Most events a history page or resume returns at once. */
  maxPageSize: 200,
} as const

export type Limits = { -readonly [K in keyof typeof defaultLimits]: number }

/** Room and user ids: short, URL-safe, case-sensitive. */
export const idPattern = '^[A-Za-z0-9_.:@-]{1,128}$'

/** WebSocket close codes the server uses, and what they mean. */
export const closeCodes = {
  /** Server is shutting down or restarting: reconnect, resume. */
  restart: 1012,
  /** The client broke the protocol too often. */
  policy: 1008,
  /** A frame was larger than `maxFrameBytes`. */
  tooBig: 1009,
  /** Authentication failed or never came: do not retry the same token. */
  authFailed: 4001,
  /** Too many bad frames or a flood. */
  abuse: 4002,
  /** The socket's send buffer overflowed: reconnect and resume. */
  slowConsumer: 4003,
  /** No heartbeat within two intervals. */
  heartbeat: 4004,
  /** The user was removed or deleted. */
  revoked: 4005,
} as const

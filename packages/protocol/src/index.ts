export { AlgochatError, describeError } from './algochat-error.js'
export type { AlgochatErrorOptions } from './algochat-error.js'
export { errorMessages } from './error-messages.js'
export {
  errorCodes,
  isErrorCode,
  isRetryable,
  retryableCodes,
} from './errors.js'
export type { ErrorCode } from './errors.js'
export { closeCodes, defaultLimits, idPattern } from './limits.js'
export type { Limits } from './limits.js'
export { protocolVersion } from './frames.js'
export type * from './frames.js'
export type * from './events.js'

import {
  AlgochatError,
  type ClientFrame,
  type Limits,
} from '@algochat/protocol'
import { frameCheckers, isClientOp } from './client-frame-schemas.js'
import { findForbiddenKey } from './forbidden-key.js'

/**
 * Turns a raw WebSocket message into a checked client frame, or throws
 * the coded reason it is not one. Nothing is acted on before this passes.
 */
export function decodeFrame(
  data: Buffer,
  isBinary: boolean,
  limits: Limits,
): ClientFrame {
  if (isBinary) throw new AlgochatError('bad_frame', 'Frames must be text')
  if (data.length > limits.maxFrameBytes) {
    throw new AlgochatError(
      'frame_too_large',
      `Frame is ${data.length} bytes; the limit is ${limits.maxFrameBytes}`,
    )
  }

  let value: unknown
  try {
    value = JSON.parse(data.toString('utf8'))
  } catch (cause) {
    throw new AlgochatError('bad_frame', 'Frame is not valid JSON', { cause })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new AlgochatError('bad_frame')
  }

  const forbidden = findForbiddenKey(value)
  if (forbidden !== undefined) {
    throw new AlgochatError(
      'forbidden_key',
      `Key "${forbidden}" is not accepted`,
    )
  }

  const op = (value as { op?: unknown }).op
  if (typeof op !== 'string') {
    throw new AlgochatError('invalid_field', 'Field "op" must be a string')
  }
  if (!isClientOp(op))
    throw new AlgochatError('unknown_op', `Unknown op "${op}"`)

  const checker = frameCheckers[op]
  if (!checker.Check(value)) {
    const first = checker.Errors(value).First()
    const where = first?.path ? first.path.slice(1) || 'frame' : 'frame'
    throw new AlgochatError(
      'invalid_field',
      `Field "${where}": ${first?.message ?? 'invalid'}`,
    )
  }
  return value as unknown as ClientFrame
}

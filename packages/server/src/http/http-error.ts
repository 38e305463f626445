import {
  AlgochatError,
  describeError,
  type ErrorCode,
} from '@algochat/protocol'
import type { FastifyError, FastifyInstance } from 'fastify'

/** HTTP status for each code the admin API can answer with. */
const statusByCode: Partial<Record<ErrorCode, number>> = {
  invalid_field: 400,
  forbidden_key: 400,
  text_too_long: 400,
  unauthorized: 401,
  token_invalid: 401,
  forbidden: 403,
  guests_disabled: 403,
  origin_not_allowed: 403,
  app_not_found: 404,
  room_not_found: 404,
  user_not_found: 404,
  message_not_found: 404,
  not_found: 404,
  room_exists: 409,
  rate_limited: 429,
  log_unavailable: 503,
  store_unavailable: 503,
  shutting_down: 503,
}

/** Every HTTP error body is `{ code, message, retryable }`. */
export function installErrorHandler(fastify: FastifyInstance): void {
  fastify.setErrorHandler(
    (error: FastifyError | AlgochatError, request, reply) => {
      if (error instanceof AlgochatError) {
        return reply.code(statusByCode[error.code] ?? 500).send(body(error))
      }

      if (error.validation) {
        const wrapped = new AlgochatError('invalid_field', error.message)
        return reply.code(400).send(body(wrapped))
      }
      if (error.statusCode === 413) {
        return reply.code(413).send(body(new AlgochatError('frame_too_large')))
      }
      if (error.statusCode !== undefined && error.statusCode < 500) {
        return reply
          .code(error.statusCode)
          .send(body(new AlgochatError('invalid_field', error.message)))
      }

      request.log.error({ err: error }, 'request failed')
      return reply.code(500).send(body(new AlgochatError('internal')))
    },
  )

  fastify.setNotFoundHandler((_request, reply) =>
    reply.code(404).send(body(new AlgochatError('not_found'))),
  )
}

function body(error: AlgochatError) {
  return {
    code: error.code,
    message: describeError(error),
    retryable: error.retryable,
  }
}

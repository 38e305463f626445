import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import { AlgochatError } from '@algochat/protocol'
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../../server-context.js'
import { authorizeApp } from './app-auth.js'
import {
  EventsQuery,
  HistoryQuery,
  MessageParams,
  RoomParams,
} from './schemas.js'

const tags = ['history']
const security = [{ appSecret: [] }]

/** The author recorded on deletions made through the admin API. */
export const systemUser = 'system'

export function registerHistoryRoutes(
  fastify: FastifyInstance,
  context: ServerContext,
): void {
  fastify.get<{ Params: RoomParams; Querystring: HistoryQuery }>(
    '/v1/apps/:app/rooms/:room/messages',
    {
      schema: {
        tags,
        summary: 'Messages before a seq, as they read now, oldest first',
        security,
        params: RoomParams,
        querystring: HistoryQuery,
      },
    },
    async (request) => {
      const app = await authorizeApp(context, request)
      const { before, limit = 100 } = request.query
      const page = await context.messages.history(
        app.id,
        request.params.room,
        before,
        limit,
      )
      return { messages: page.items, more: page.more }
    },
  )

  fastify.get<{ Params: RoomParams; Querystring: EventsQuery }>(
    '/v1/apps/:app/rooms/:room/events',
    {
      schema: {
        tags,
        summary: 'Every event after a seq, oldest first (export and sync)',
        security,
        params: RoomParams,
        querystring: EventsQuery,
      },
    },
    async (request) => {
      const app = await authorizeApp(context, request)
      const { after = 0, limit = 1000 } = request.query
      const page = await context.messages.replay(
        app.id,
        request.params.room,
        after,
        limit,
      )
      return { events: page.items, more: page.more }
    },
  )

  fastify.get<{ Params: RoomParams }>(
    '/v1/apps/:app/rooms/:room/export',
    {
      schema: {
        tags,
        summary: 'The whole room history as NDJSON, one event per line',
        security,
        params: RoomParams,
      },
    },
    async (request, reply) => {
      const app = await authorizeApp(context, request)
      const { room } = request.params
      reply.header('content-type', 'application/x-ndjson')

      async function* lines() {
        let after = 0
        for (;;) {
          const page = await context.messages.replay(app.id, room, after, 1000)
          for (const event of page.items) yield `${JSON.stringify(event)}\n`
          const last = page.items.at(-1)
          if (!page.more || !last) return
          after = last.seq
        }
      }
      return reply.send(Readable.from(lines()))
    },
  )

  fastify.delete<{ Params: MessageParams }>(
    '/v1/apps/:app/rooms/:room/messages/:id',
    {
      schema: {
        tags: ['moderation'],
        summary: 'Delete any message; the deletion is sequenced like any other',
        security,
        params: MessageParams,
      },
    },
    async (request, reply) => {
      const app = await authorizeApp(context, request)
      const { room, id } = request.params
      const message = await context.messages.getMessage(app.id, room, id)
      if (!message || message.deleted) {
        throw new AlgochatError('message_not_found')
      }

      try {
        await context.log.append({
          op: 'delete',
          app: app.id,
          room,
          user: systemUser,
          clientId: `admin-${randomUUID()}`,
          node: context.nodeId,
          at: Date.now(),
          target: id,
        })
      } catch (cause) {
        throw new AlgochatError('log_unavailable', undefined, { cause })
      }
      return reply.code(202).send({ accepted: true })
    },
  )
}

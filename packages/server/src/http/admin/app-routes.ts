import { AlgochatError } from '@algochat/protocol'
import type { FastifyInstance } from 'fastify'
import { createApp, newSecret, publicApp } from '../../auth/create-app.js'
import { mintToken } from '../../auth/mint-token.js'
import type { ServerContext } from '../../server-context.js'
import { authorizeApp, authorizeOperator } from './app-auth.js'
import {
  AppParams,
  AppSettings,
  NewApp,
  TokenBody,
  UserBody,
  UserParams,
} from './schemas.js'

const tags = ['apps']
const security = [{ appSecret: [] }]

export function registerAppRoutes(
  fastify: FastifyInstance,
  context: ServerContext,
): void {
  fastify.post<{ Body: NewApp }>(
    '/v1/apps',
    {
      schema: {
        tags,
        summary: 'Create an app (operator key)',
        security: [{ operatorKey: [] }],
        body: NewApp,
      },
    },
    async (request, reply) => {
      authorizeOperator(context, request)
      const app = await createApp(context.accounts, request.body)
      return reply.code(201).send(app)
    },
  )

  fastify.get<{ Params: AppParams }>(
    '/v1/apps/:app',
    { schema: { tags, summary: 'Read the app', security, params: AppParams } },
    async (request) => publicApp(await authorizeApp(context, request)),
  )

  fastify.patch<{ Params: AppParams; Body: AppSettings }>(
    '/v1/apps/:app',
    {
      schema: {
        tags,
        summary: 'Change origins, guests, keys or name',
        security,
        params: AppParams,
        body: AppSettings,
      },
    },
    async (request) => {
      const app = await authorizeApp(context, request)
      const updated = await context.accounts.updateApp(app.id, request.body)
      await context.control.appChanged(app.id)
      if (!updated) throw new AlgochatError('app_not_found')
      return publicApp(updated)
    },
  )

  fastify.post<{ Params: AppParams }>(
    '/v1/apps/:app/secret',
    {
      schema: {
        tags,
        summary:
          'Rotate the app secret; tokens signed with the old one stop working',
        security,
        params: AppParams,
      },
    },
    async (request) => {
      const app = await authorizeApp(context, request)
      const secret = newSecret()
      await context.accounts.updateApp(app.id, { secret })
      await context.control.appChanged(app.id)
      return { secret }
    },
  )

  fastify.post<{ Params: AppParams; Body: TokenBody }>(
    '/v1/apps/:app/tokens',
    {
      schema: {
        tags,
        summary: 'Mint a user token (for backends without a JWT library)',
        security,
        params: AppParams,
        body: TokenBody,
      },
    },
    async (request) => {
      const app = await authorizeApp(context, request)
      const { user, name, ttlSeconds = 3_600 } = request.body
      const token = await mintToken(app, {
        user,
        name: name ?? null,
        ttlSeconds,
      })
      return { token, expiresIn: ttlSeconds }
    },
  )

  fastify.put<{ Params: UserParams; Body: UserBody }>(
    '/v1/apps/:app/users/:user',
    {
      schema: {
        tags: ['users'],
        summary: 'Create or update a user',
        security,
        params: UserParams,
        body: UserBody,
      },
    },
    async (request) => {
      const app = await authorizeApp(context, request)
      return context.accounts.upsertUser(app.id, {
        id: request.params.user,
        ...(request.body.name === undefined ? {} : { name: request.body.name }),
        ...(request.body.meta === undefined ? {} : { meta: request.body.meta }),
      })
    },
  )

  fastify.get<{ Params: UserParams }>(
    '/v1/apps/:app/users/:user',
    {
      schema: {
        tags: ['users'],
        summary: 'Read a user',
        security,
        params: UserParams,
      },
    },
    async (request) => {
      const app = await authorizeApp(context, request)
      const user = await context.accounts.getUser(app.id, request.params.user)
      if (!user) throw new AlgochatError('user_not_found')
      return user
    },
  )

  fastify.delete<{ Params: UserParams }>(
    '/v1/apps/:app/users/:user',
    {
      schema: {
        tags: ['users'],
        summary: 'Delete a user: memberships go, their texts are erased',
        security,
        params: UserParams,
      },
    },
    async (request) => {
      const app = await authorizeApp(context, request)
      const { user } = request.params
      const memberships = await context.accounts.listMemberships(app.id, user)
      const existed = await context.accounts.deleteUser(app.id, user)
      if (!existed) throw new AlgochatError('user_not_found')

      const erased = await context.messages.eraseUser(app.id, user)
      for (const membership of memberships) {
        await context.control.memberChanged(app.id, membership.room, user)
      }
      await context.control.revoke(app.id, user)
      return { deleted: true, erasedMessages: erased }
    },
  )
}

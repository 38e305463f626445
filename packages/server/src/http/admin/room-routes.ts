import { AlgochatError } from '@algochat/protocol'
import type { FastifyInstance } from 'fastify'
import type { ServerContext } from '../../server-context.js'
import { authorizeApp } from './app-auth.js'
import {
  AppParams,
  DurationBody,
  MemberBody,
  MemberParams,
  RoomBody,
  RoomParams,
} from './schemas.js'

const tags = ['rooms']
const security = [{ appSecret: [] }]

export function registerRoomRoutes(
  fastify: FastifyInstance,
  context: ServerContext,
): void {
  fastify.post<{ Params: AppParams; Body: RoomBody }>(
    '/v1/apps/:app/rooms',
    {
      schema: {
        tags,
        summary: 'Create a public or private room',
        security,
        params: AppParams,
        body: RoomBody,
      },
    },
    async (request, reply) => {
      const app = await authorizeApp(context, request)
      const { id, kind, name, owner } = request.body
      const room = await context.rooms.create(
        app.id,
        { id, kind, name: name ?? null },
        owner ?? null,
      )
      return reply.code(201).send(room)
    },
  )

  fastify.get<{ Params: AppParams }>(
    '/v1/apps/:app/rooms',
    { schema: { tags, summary: 'List rooms', security, params: AppParams } },
    async (request) => {
      const app = await authorizeApp(context, request)
      return { rooms: await context.accounts.listRooms(app.id) }
    },
  )

  fastify.get<{ Params: RoomParams }>(
    '/v1/apps/:app/rooms/:room',
    { schema: { tags, summary: 'Read a room', security, params: RoomParams } },
    async (request) => {
      const app = await authorizeApp(context, request)
      const room = await context.accounts.getRoom(app.id, request.params.room)
      if (!room) throw new AlgochatError('room_not_found')
      const [lastSeqs, members] = await Promise.all([
        context.messages.lastSeqs(app.id, [room.id]),
        context.accounts.listMembers(app.id, room.id),
      ])
      return {
        ...room,
        lastSeq: lastSeqs.get(room.id) ?? 0,
        members: members.length,
      }
    },
  )

  fastify.delete<{ Params: RoomParams }>(
    '/v1/apps/:app/rooms/:room',
    {
      schema: {
        tags,
        summary: 'Delete a room with its members and history',
        security,
        params: RoomParams,
      },
    },
    async (request) => {
      const app = await authorizeApp(context, request)
      const deleted = await context.rooms.delete(app.id, request.params.room)
      if (!deleted) throw new AlgochatError('room_not_found')
      await context.messages.deleteRoom(app.id, request.params.room)
      return { deleted: true }
    },
  )

  fastify.get<{ Params: RoomParams }>(
    '/v1/apps/:app/rooms/:room/members',
    { schema: { tags, summary: 'List members', security, params: RoomParams } },
    async (request) => {
      const app = await authorizeApp(context, request)
      await requireRoom(context, app.id, request.params.room)
      return {
        members: await context.accounts.listMembers(
          app.id,
          request.params.room,
        ),
      }
    },
  )

  fastify.put<{ Params: MemberParams; Body: MemberBody }>(
    '/v1/apps/:app/rooms/:room/members/:user',
    {
      schema: {
        tags,
        summary: 'Add a member or change their role',
        security,
        params: MemberParams,
        body: MemberBody,
      },
    },
    async (request) => {
      const app = await authorizeApp(context, request)
      const { room, user } = request.params
      await requireRoom(context, app.id, room)
      return context.rooms.putMember(
        app.id,
        room,
        user,
        request.body.role ?? 'member',
      )
    },
  )

  fastify.delete<{ Params: MemberParams }>(
    '/v1/apps/:app/rooms/:room/members/:user',
    {
      schema: {
        tags,
        summary: 'Remove a member',
        security,
        params: MemberParams,
      },
    },
    async (request) => {
      const app = await authorizeApp(context, request)
      const { room, user } = request.params
      if (!(await context.rooms.removeMember(app.id, room, user))) {
        throw new AlgochatError('not_found', 'No such member')
      }
      return { removed: true }
    },
  )

  for (const action of ['bans', 'mutes'] as const) {
    const apply = (
      app: string,
      room: string,
      user: string,
      seconds: number | null | undefined,
    ) =>
      action === 'bans'
        ? context.rooms.ban(app, room, user, seconds)
        : context.rooms.mute(app, room, user, seconds)

    fastify.put<{ Params: MemberParams; Body: DurationBody }>(
      `/v1/apps/:app/rooms/:room/${action}/:user`,
      {
        schema: {
          tags: ['moderation'],
          summary: `${action === 'bans' ? 'Ban' : 'Mute'} a user, for seconds or until lifted`,
          security,
          params: MemberParams,
          body: DurationBody,
        },
      },
      async (request) => {
        const app = await authorizeApp(context, request)
        const { room, user } = request.params
        await requireRoom(context, app.id, room)
        await apply(app.id, room, user, request.body?.seconds)
        return context.accounts.getMember(app.id, room, user)
      },
    )

    fastify.delete<{ Params: MemberParams }>(
      `/v1/apps/:app/rooms/:room/${action}/:user`,
      {
        schema: {
          tags: ['moderation'],
          summary: `Lift a ${action === 'bans' ? 'ban' : 'mute'}`,
          security,
          params: MemberParams,
        },
      },
      async (request) => {
        const app = await authorizeApp(context, request)
        const { room, user } = request.params
        await requireRoom(context, app.id, room)
        await apply(app.id, room, user, null)
        return context.accounts.getMember(app.id, room, user)
      },
    )
  }
}

async function requireRoom(context: ServerContext, app: string, room: string) {
  if (!(await context.accounts.getRoom(app, room))) {
    throw new AlgochatError('room_not_found')
  }
}

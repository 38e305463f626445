import type { ServerFrame } from '@algochat/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AdminApi } from './support/admin-api.js'
import { ServerProcess } from './support/server-process.js'
import { sendMessage, TestClient } from './support/test-client.js'
import { userToken } from './support/tokens.js'

let server: ServerProcess
let app: { id: string; secret: string }
let admin: AdminApi
const clients = new Map<string, TestClient>()

beforeAll(async () => {
  server = await ServerProcess.start()
  app = await server.devApp()
  admin = new AdminApi(server.url, app)
  for (const user of ['owner', 'mod', 'member', 'outsider']) {
    clients.set(
      user,
      await TestClient.connect(
        server.wsUrl,
        app.id,
        await userToken(app, user),
      ),
    )
  }
})

afterAll(async () => {
  for (const client of clients.values()) client.close()
  await server?.stop()
})

function as(user: string): TestClient {
  const client = clients.get(user)
  if (!client) throw new Error(`no client for ${user}`)
  return client
}

function code(frame: ServerFrame): string {
  return frame.op === 'error' ? frame.code : frame.op
}

describe('public, private and direct rooms', () => {
  it('makes the creator owner and lets anyone join a public room', async () => {
    const created = await as('owner').request({
      op: 'create',
      room: 'town-square',
      kind: 'public',
      name: 'Town square',
    })
    expect(created).toMatchObject({
      op: 'ok',
      room: {
        id: 'town-square',
        kind: 'public',
        role: 'owner',
        name: 'Town square',
      },
    })
    const joined = await as('member').request({
      op: 'join',
      room: 'town-square',
    })
    expect(joined).toMatchObject({ op: 'ok', room: { role: 'member' } })
  })

  it('refuses a second room with the same id', async () => {
    const again = await as('member').request({
      op: 'create',
      room: 'town-square',
      kind: 'private',
    })
    expect(code(again)).toBe('room_exists')
  })

  it('needs an invitation from a moderator for a private room', async () => {
    await as('owner').request({
      op: 'create',
      room: 'back-office',
      kind: 'private',
    })
    expect(
      code(await as('outsider').request({ op: 'join', room: 'back-office' })),
    ).toBe('forbidden')
    expect(
      code(
        await as('outsider').request({ op: 'subscribe', room: 'back-office' }),
      ),
    ).toBe('not_member')

    await admin.call('PUT', '/rooms/back-office/members/member', {
      role: 'member',
    })
    const byMember = await as('member').request({
      op: 'invite',
      room: 'back-office',
      user: 'outsider',
    })
    expect(code(byMember)).toBe('forbidden')

    const byOwner = await as('owner').request({
      op: 'invite',
      room: 'back-office',
      user: 'outsider',
    })
    expect(byOwner.op).toBe('ok')
    expect(
      code(
        await as('outsider').request({ op: 'subscribe', room: 'back-office' }),
      ),
    ).toBe('subscribed')
  })

  it('gives two users one direct room, whoever opens it', async () => {
    const fromOwner = await as('owner').request({
      op: 'direct',
      user: 'member',
    })
    const fromMember = await as('member').request({
      op: 'direct',
      user: 'owner',
    })
    const id = fromOwner.op === 'ok' ? fromOwner.room?.id : undefined

    expect(id).toBe('dm:member:owner')
    expect(fromMember).toMatchObject({ op: 'ok', room: { id, kind: 'direct' } })
    expect(
      code(await as('outsider').request({ op: 'subscribe', room: id ?? '' })),
    ).toBe('not_member')
    expect(
      code(
        await as('owner').request({
          op: 'invite',
          room: id ?? '',
          user: 'outsider',
        }),
      ),
    ).toBe('forbidden')
  })

  it('refuses a direct room with a user who does not exist', async () => {
    expect(
      code(await as('owner').request({ op: 'direct', user: 'nobody' })),
    ).toBe('user_not_found')
  })

  it('stops delivery and access when a member leaves', async () => {
    await as('owner').request({ op: 'create', room: 'leavers', kind: 'public' })
    await as('member').request({ op: 'join', room: 'leavers' })
    await as('member').request({ op: 'subscribe', room: 'leavers' })

    expect(
      (await as('member').request({ op: 'leave', room: 'leavers' })).op,
    ).toBe('ok')
    await sendMessage(as('owner'), 'leavers', 'after you left')
    expect(
      code(await as('member').request({ op: 'history', room: 'leavers' })),
    ).toBe('not_member')
    const delivered = as('member')
      .ofOp('event')
      .filter((frame) => frame.event.room === 'leavers')
    expect(delivered).toEqual([])
  })

  it('lists my rooms with role and unread counts', async () => {
    await as('owner').request({ op: 'create', room: 'counted', kind: 'public' })
    await as('member').request({ op: 'join', room: 'counted' })
    for (let i = 0; i < 3; i++)
      await sendMessage(as('owner'), 'counted', `n${i}`)

    const list = await as('member').request({ op: 'rooms' })
    const rooms = list.op === 'rooms' ? list.rooms : []
    expect(rooms.find((room) => room.id === 'counted')).toMatchObject({
      kind: 'public',
      role: 'member',
      lastSeq: 3,
      unread: 3,
    })
  })
})

describe('moderation', () => {
  const room = 'moderated'

  beforeAll(async () => {
    await as('owner').request({ op: 'create', room, kind: 'public' })
    await admin.call('PUT', `/rooms/${room}/members/mod`, { role: 'moderator' })
    for (const user of ['mod', 'member']) {
      await as(user).request({ op: 'join', room })
      await as(user).request({ op: 'subscribe', room })
    }
  })

  it('lets a moderator edit any message but not a member', async () => {
    const sent = (await sendMessage(as('member'), room, 'my number is')) as {
      id: string
    }
    const owners = (await sendMessage(as('owner'), room, 'welcome')) as {
      id: string
    }
    const byMember = await as('member').request({
      op: 'edit',
      room,
      clientId: 'member-edit',
      target: owners.id,
      text: 'hijacked',
    })
    expect(code(byMember)).toBe('forbidden')

    const edited = as('member').next(
      (frame) =>
        frame.op === 'event' &&
        frame.event.kind === 'edit' &&
        frame.event.target === sent.id,
    )
    as('mod').send({
      op: 'edit',
      room,
      clientId: 'mod-edit',
      target: sent.id,
      text: '[removed by a moderator]',
    })
    expect(await edited).toMatchObject({
      event: { user: 'mod', text: '[removed by a moderator]' },
    })

    const history = await as('member').request({ op: 'history', room })
    const messages = history.op === 'history' ? history.messages : []
    expect(messages.find((m) => m.id === sent.id)).toMatchObject({
      user: 'member',
      text: '[removed by a moderator]',
    })
    expect(messages.find((m) => m.id === owners.id)?.text).toBe('welcome')
  })

  it('lets a moderator delete any message but not a member', async () => {
    const sent = (await sendMessage(as('member'), room, 'spam')) as {
      id: string
    }
    const owners = (await sendMessage(as('owner'), room, 'rules')) as {
      id: string
    }
    const byMember = await as('member').request({
      op: 'delete',
      room,
      clientId: 'member-del',
      target: owners.id,
    })
    expect(code(byMember)).toBe('forbidden')

    const deleted = as('mod').next(
      (frame) => frame.op === 'ack' && frame.clientId === 'mod-del',
    )
    as('mod').send({ op: 'delete', room, clientId: 'mod-del', target: sent.id })
    expect(await deleted).toMatchObject({ op: 'ack' })
  })

  it('mutes: the member reads but cannot post until unmuted', async () => {
    expect(
      (await as('mod').request({ op: 'mute', room, user: 'member' })).op,
    ).toBe('ok')
    expect(code(await sendMessage(as('member'), room, 'muted?'))).toBe('muted')
    expect(code(await as('member').request({ op: 'history', room }))).toBe(
      'history',
    )

    expect(
      (await as('mod').request({ op: 'unmute', room, user: 'member' })).op,
    ).toBe('ok')
    expect(code(await sendMessage(as('member'), room, 'free again'))).toBe(
      'ack',
    )
  })

  it('bans: the member is unsubscribed and shown offline at once, refused until unbanned', async () => {
    const dropped = as('member').next(
      (frame) => frame.op === 'unsubscribed' && frame.room === room,
    )
    const offline = as('mod').next(
      (frame) =>
        frame.op === 'presence' && frame.user === 'member' && !frame.online,
    )
    expect(
      (await as('mod').request({ op: 'ban', room, user: 'member' })).op,
    ).toBe('ok')
    await dropped
    await offline

    expect(code(await as('member').request({ op: 'subscribe', room }))).toBe(
      'banned',
    )
    expect(code(await sendMessage(as('member'), room, 'let me back'))).toBe(
      'banned',
    )
    expect(code(await as('member').request({ op: 'join', room }))).toBe(
      'banned',
    )

    expect(
      (await as('mod').request({ op: 'unban', room, user: 'member' })).op,
    ).toBe('ok')
    expect(code(await as('member').request({ op: 'subscribe', room }))).toBe(
      'subscribed',
    )
  })

  it('expires a timed ban by itself', async () => {
    await as('mod').request({ op: 'ban', room, user: 'member', seconds: 1 })
    expect(code(await as('member').request({ op: 'history', room }))).toBe(
      'banned',
    )
    await new Promise((resolve) => setTimeout(resolve, 1_100))
    expect(code(await as('member').request({ op: 'history', room }))).toBe(
      'history',
    )
  })

  it('keeps members from moderating and moderators from touching owners', async () => {
    expect(
      code(await as('member').request({ op: 'ban', room, user: 'mod' })),
    ).toBe('forbidden')
    expect(
      code(await as('mod').request({ op: 'ban', room, user: 'owner' })),
    ).toBe('forbidden')
    expect(
      code(await as('mod').request({ op: 'mute', room, user: 'mod' })),
    ).toBe('forbidden')
  })
})

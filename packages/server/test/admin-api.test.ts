import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AdminApi } from './support/admin-api.js'
import { ServerProcess } from './support/server-process.js'
import { sendMessage, TestClient } from './support/test-client.js'
import { userToken } from './support/tokens.js'

let server: ServerProcess
let app: { id: string; secret: string }
let admin: AdminApi

beforeAll(async () => {
  server = await ServerProcess.start({
    env: { ALGOCHAT_ADMIN_KEY: 'operator-key' },
  })
  app = await server.devApp()
  admin = new AdminApi(server.url, app)
})

afterAll(async () => {
  await server?.stop()
})

describe('authentication', () => {
  it('answers 401 unauthorized without the app secret', async () => {
    for (const secret of [null, 'wrong']) {
      const response = await admin.call('GET', '/rooms', undefined, secret)
      expect(response).toMatchObject({
        status: 401,
        body: { code: 'unauthorized' },
      })
    }
  })

  it('creates apps only with the operator key, showing the secret once', async () => {
    const create = (key: string) =>
      fetch(`${server.url}/v1/apps`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${key}`,
        },
        body: JSON.stringify({
          id: 'shop',
          allowedOrigins: ['https://shop.example'],
        }),
      })
    expect((await create('guess')).status).toBe(401)

    const created = await create('operator-key')
    const body = (await created.json()) as { id: string; secret: string }
    expect(created.status).toBe(201)
    expect(body.secret).toMatch(/^[A-Za-z0-9_-]{40,}$/)

    const shop = new AdminApi(server.url, body)
    const read = await shop.call('GET', '')
    expect(read.body).toMatchObject({
      id: 'shop',
      allowedOrigins: ['https://shop.example'],
    })
    expect(read.body).not.toHaveProperty('secret')
  })

  it('keeps apps apart: one secret cannot reach another app', async () => {
    const shop = (await admin.call('GET', '')).body
    expect(shop['id']).toBe(app.id)
    const foreign = new AdminApi(server.url, { id: 'shop', secret: app.secret })
    expect((await foreign.call('GET', '/rooms')).status).toBe(401)
  })

  it('rotates the secret, retiring tokens signed with the old one', async () => {
    await admin.call('POST', '/rooms', { id: 'rotation', kind: 'public' })
    const oldToken = await userToken(app, 'rotated')
    const rotated = await admin.call('POST', '/secret')
    const secret = rotated.body['secret'] as string
    expect(secret).not.toBe(app.secret)

    const client = await TestClient.open(server.wsUrl, app.id)
    const reply = await client.request({ op: 'auth', token: oldToken })
    expect(reply).toMatchObject({ op: 'error', code: 'token_invalid' })
    app = { id: app.id, secret }
    admin = new AdminApi(server.url, app)
  })
})

describe('users, rooms and members', () => {
  it('upserts and reads users', async () => {
    const put = await admin.call('PUT', '/users/zoe', {
      name: 'Zoe',
      meta: { plan: 'pro' },
    })
    expect(put).toMatchObject({ status: 200, body: { id: 'zoe', name: 'Zoe' } })
    const renamed = await admin.call('PUT', '/users/zoe', { name: 'Zoé' })
    expect(renamed.body).toMatchObject({ name: 'Zoé', meta: { plan: 'pro' } })
    expect((await admin.call('GET', '/users/nobody')).body).toMatchObject({
      code: 'user_not_found',
    })
  })

  it('creates rooms, sets roles and lists members', async () => {
    const created = await admin.call('POST', '/rooms', {
      id: 'support-1',
      kind: 'private',
      name: 'Support',
      owner: 'zoe',
    })
    expect(created.status).toBe(201)
    expect(
      (await admin.call('POST', '/rooms', { id: 'support-1', kind: 'public' }))
        .status,
    ).toBe(409)
    await admin.call('PUT', '/rooms/support-1/members/agent', {
      role: 'moderator',
    })

    const members = await admin.call('GET', '/rooms/support-1/members')
    const roles = (
      members.body['members'] as { user: string; role: string }[]
    ).map((member) => [member.user, member.role])
    expect(roles).toEqual(
      expect.arrayContaining([
        ['zoe', 'owner'],
        ['agent', 'moderator'],
      ]),
    )
    expect(
      (await admin.call('DELETE', '/rooms/support-1/members/agent')).status,
    ).toBe(200)
    expect((await admin.call('GET', '/rooms/nope/members')).status).toBe(404)
  })

  it('rejects invalid bodies with a coded 400', async () => {
    const badKind = await admin.call('POST', '/rooms', {
      id: 'x',
      kind: 'secret',
    })
    expect(badKind).toMatchObject({
      status: 400,
      body: { code: 'invalid_field' },
    })
    const dollar = await admin.call('PUT', '/users/eve', {
      meta: { $set: { admin: true } },
    })
    expect(dollar).toMatchObject({
      status: 400,
      body: { code: 'forbidden_key' },
    })
  })

  it('bans over the API and cuts the user off live', async () => {
    await admin.call('POST', '/rooms', { id: 'banned-room', kind: 'public' })
    const user = await TestClient.connect(
      server.wsUrl,
      app.id,
      await userToken(app, 'troll'),
    )
    await user.request({ op: 'join', room: 'banned-room' })
    await user.request({ op: 'subscribe', room: 'banned-room' })

    const dropped = user.next((frame) => frame.op === 'unsubscribed')
    const ban = await admin.call('PUT', '/rooms/banned-room/bans/troll', {})
    expect(ban.body).toMatchObject({
      user: 'troll',
      bannedUntil: expect.any(Number),
    })
    await dropped
    expect(await sendMessage(user, 'banned-room', 'hi')).toMatchObject({
      code: 'banned',
    })

    await admin.call('DELETE', '/rooms/banned-room/bans/troll')
    expect(await sendMessage(user, 'banned-room', 'sorry')).toMatchObject({
      op: 'ack',
    })
    user.close()
  })
})

describe('history, export and deletion', () => {
  it('pages history, exports NDJSON and deletes any message', async () => {
    await admin.call('POST', '/rooms', { id: 'archive', kind: 'public' })
    const writer = await TestClient.connect(
      server.wsUrl,
      app.id,
      await userToken(app, 'writer'),
    )
    await writer.request({ op: 'join', room: 'archive' })
    await writer.request({ op: 'subscribe', room: 'archive' })
    const acks = []
    for (let i = 1; i <= 5; i++)
      acks.push(await sendMessage(writer, 'archive', `line ${i}`))

    const page = await admin.call('GET', '/rooms/archive/messages?limit=2')
    expect(
      (page.body['messages'] as { text: string }[]).map((m) => m.text),
    ).toEqual(['line 4', 'line 5'])
    expect(page.body['more']).toBe(true)

    const target = acks[0] as { id: string }
    const deletion = writer.next(
      (frame) => frame.op === 'event' && frame.event.kind === 'delete',
    )
    const deleted = await admin.call(
      'DELETE',
      `/rooms/archive/messages/${target.id}`,
    )
    expect(deleted.status).toBe(202)
    expect(await deletion).toMatchObject({
      event: { target: target.id, user: 'system', seq: 6 },
    })

    const exported = await fetch(
      `${server.url}/v1/apps/${app.id}/rooms/archive/export`,
      {
        headers: { authorization: `Bearer ${app.secret}` },
      },
    )
    expect(exported.headers.get('content-type')).toContain(
      'application/x-ndjson',
    )
    const lines = (await exported.text())
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line))
    expect(lines.map((event: { seq: number }) => event.seq)).toEqual([
      1, 2, 3, 4, 5, 6,
    ])
    writer.close()
  })

  it('deletes a user: memberships go, texts are erased, sockets close', async () => {
    await admin.call('POST', '/rooms', { id: 'gdpr', kind: 'public' })
    const leaving = await TestClient.connect(
      server.wsUrl,
      app.id,
      await userToken(app, 'leaving'),
    )
    await leaving.request({ op: 'join', room: 'gdpr' })
    await sendMessage(leaving, 'gdpr', 'my personal data')

    const removed = await admin.call('DELETE', '/users/leaving')
    expect(removed.body).toMatchObject({ deleted: true, erasedMessages: 1 })
    await leaving.closed

    const history = await admin.call('GET', '/rooms/gdpr/messages')
    expect((history.body['messages'] as { text: string }[])[0]?.text).toBe('')
    const members = await admin.call('GET', '/rooms/gdpr/members')
    expect(members.body['members']).toEqual([])
  })
})

describe('operations', () => {
  it('serves health, readiness, metrics and the OpenAPI document', async () => {
    expect(await (await fetch(`${server.url}/healthz`)).json()).toEqual({
      status: 'ok',
    })
    expect(await (await fetch(`${server.url}/readyz`)).json()).toMatchObject({
      status: 'ready',
      checks: { accounts: true, messages: true, log: true, bus: true },
    })

    const metrics = await (await fetch(`${server.url}/metrics`)).text()
    for (const name of [
      'algochat_connections',
      'algochat_commands_accepted_total',
      'algochat_fanout_latency_seconds_bucket',
      'algochat_errors_total',
    ]) {
      expect(metrics).toContain(name)
    }

    const openapi = (await (await fetch(`${server.url}/docs/json`)).json()) as {
      paths: Record<string, unknown>
    }
    expect(Object.keys(openapi.paths)).toEqual(
      expect.arrayContaining([
        '/v1/apps/{app}/rooms',
        '/v1/apps/{app}/users/{user}',
        '/v1/apps/{app}/rooms/{room}/bans/{user}',
        '/v1/apps/{app}/rooms/{room}/export',
      ]),
    )
    expect((await fetch(`${server.url}/docs`)).status).toBe(200)
  })
})

import { generateKeyPair, exportSPKI, SignJWT } from 'jose'
import { closeCodes } from '@algochat/protocol'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AdminApi } from './support/admin-api.js'
import { ServerProcess } from './support/server-process.js'
import { TestClient } from './support/test-client.js'
import { userToken } from './support/tokens.js'

let server: ServerProcess
let app: { id: string; secret: string }
let admin: AdminApi

beforeAll(async () => {
  server = await ServerProcess.start({
    env: { ALGOCHAT_AUTH_TIMEOUT_MS: '500' },
  })
  app = await server.devApp()
  admin = new AdminApi(server.url, app)
})

afterAll(async () => {
  await server?.stop()
})

/** Opens a socket, sends the token, returns the reply and the close. */
async function tryToken(token: string) {
  const client = await TestClient.open(server.wsUrl, app.id)
  const reply = await client.request({ op: 'auth', token })
  return { client, reply }
}

async function expectRefused(token: string, code: string) {
  const { client, reply } = await tryToken(token)
  expect(reply).toMatchObject({ op: 'error', code })
  expect((await client.closed).code).toBe(closeCodes.authFailed)
}

function unsigned(payload: Record<string, unknown>): string {
  const encode = (value: unknown) =>
    Buffer.from(JSON.stringify(value)).toString('base64url')
  return `${encode({ alg: 'none', typ: 'JWT' })}.${encode(payload)}.`
}

describe('user tokens', () => {
  it('welcomes a valid HS256 token with the heartbeat and limits', async () => {
    const { client, reply } = await tryToken(
      await userToken(app, 'ann', { name: 'Ann' }),
    )
    expect(reply).toMatchObject({
      op: 'welcome',
      user: { id: 'ann', name: 'Ann', guest: false },
      heartbeatMs: 25_000,
      limits: { maxTextLength: 4_000 },
    })
    client.close()
  })

  it('refuses an expired token as token_expired', async () => {
    await expectRefused(
      await userToken(app, 'ann', { expiresIn: -60 }),
      'token_expired',
    )
  })

  it('refuses a token that is not valid yet', async () => {
    await expectRefused(
      await userToken(app, 'ann', { notBefore: 600 }),
      'token_invalid',
    )
  })

  it('refuses a token signed with another secret', async () => {
    await expectRefused(
      await userToken({ id: app.id, secret: 'not the secret' }, 'ann'),
      'token_invalid',
    )
  })

  it('refuses an unsigned token (alg none)', async () => {
    const now = Math.floor(Date.now() / 1000)
    await expectRefused(
      unsigned({ sub: 'ann', aud: app.id, exp: now + 600 }),
      'token_invalid',
    )
  })

  it('refuses a token made for another app as wrong_app', async () => {
    await expectRefused(
      await userToken(app, 'ann', { audience: 'some-other-app' }),
      'wrong_app',
    )
  })

  it('refuses garbage in place of a token', async () => {
    await expectRefused('not-a-jwt', 'token_invalid')
  })

  it('accepts ES256 and EdDSA tokens signed with registered keys', async () => {
    const es = await generateKeyPair('ES256', { extractable: true })
    const ed = await generateKeyPair('EdDSA', { extractable: true })
    const patched = await admin.call('PATCH', '', {
      publicKeys: [
        { kid: 'es', alg: 'ES256', pem: await exportSPKI(es.publicKey) },
        { kid: 'ed', alg: 'EdDSA', pem: await exportSPKI(ed.publicKey) },
      ],
    })
    expect(patched.status).toBe(200)

    for (const [alg, kid, key] of [
      ['ES256', 'es', es.privateKey],
      ['EdDSA', 'ed', ed.privateKey],
    ] as const) {
      const token = await new SignJWT({})
        .setProtectedHeader({ alg, kid })
        .setSubject(`user-${kid}`)
        .setAudience(app.id)
        .setExpirationTime('10m')
        .sign(key)
      const { client, reply } = await tryToken(token)
      expect(reply).toMatchObject({
        op: 'welcome',
        user: { id: `user-${kid}` },
      })
      client.close()
    }
  })

  it('refuses an HMAC token keyed with a public key (key confusion)', async () => {
    const es = await generateKeyPair('ES256', { extractable: true })
    const pem = await exportSPKI(es.publicKey)
    await admin.call('PATCH', '', {
      publicKeys: [{ kid: 'only', alg: 'ES256', pem }],
    })
    const forged = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', kid: 'only' })
      .setSubject('mallory')
      .setAudience(app.id)
      .setExpirationTime('10m')
      .sign(new TextEncoder().encode(pem))
    await expectRefused(forged, 'token_invalid')
  })
})

describe('the connection lifecycle', () => {
  it('closes a socket whose first frame is not auth', async () => {
    const client = await TestClient.open(server.wsUrl, app.id)
    const reply = await client.request({ op: 'rooms' })
    expect(reply).toMatchObject({ op: 'error', code: 'unauthenticated' })
    expect((await client.closed).code).toBe(closeCodes.authFailed)
  })

  it('closes a socket that never authenticates', async () => {
    const client = await TestClient.open(server.wsUrl, app.id)
    const error = await client.next((frame) => frame.op === 'error', 3_000)
    expect(error).toMatchObject({ code: 'auth_timeout' })
    expect((await client.closed).code).toBe(closeCodes.authFailed)
  })

  it('refuses the upgrade for an unknown app', async () => {
    await expect(TestClient.open(server.wsUrl, 'no-such-app')).rejects.toThrow(
      /HTTP 404/,
    )
  })

  it('refreshes the token on the open socket and keeps the rooms', async () => {
    const client = await TestClient.connect(
      server.wsUrl,
      app.id,
      await userToken(app, 'refresher', { expiresIn: 2 }),
    )
    await client.request({ op: 'join', room: 'lobby' })
    expect((await client.request({ op: 'subscribe', room: 'lobby' })).op).toBe(
      'subscribed',
    )

    const again = await client.request({
      op: 'auth',
      token: await userToken(app, 'refresher', { expiresIn: 600 }),
    })
    expect(again).toMatchObject({ op: 'welcome' })
    await new Promise((resolve) => setTimeout(resolve, 2_500))

    const reply = await client.request({ op: 'history', room: 'lobby' })
    expect(reply.op).toBe('history')
    client.close()
  })

  it('refuses a refresh for a different user', async () => {
    const client = await TestClient.connect(
      server.wsUrl,
      app.id,
      await userToken(app, 'first'),
    )
    const reply = await client.request({
      op: 'auth',
      token: await userToken(app, 'second'),
    })
    expect(reply).toMatchObject({ op: 'error', code: 'token_invalid' })
    expect((await client.request({ op: 'ping' })).op).toBe('pong')
    client.close()
  })

  it('closes the socket with token_expired when the token runs out', async () => {
    const client = await TestClient.connect(
      server.wsUrl,
      app.id,
      await userToken(app, 'shortlived', { expiresIn: 1 }),
    )
    const error = await client.next((frame) => frame.op === 'error', 3_000)
    expect(error).toMatchObject({ code: 'token_expired', retryable: true })
    expect((await client.closed).code).toBe(closeCodes.authFailed)
  })
})

describe('origins and guests', () => {
  it('admits only allowed origins once the app lists them', async () => {
    const patched = await admin.call('PATCH', '', {
      allowedOrigins: ['https://shop.example'],
    })
    expect(patched.status).toBe(200)

    await expect(
      TestClient.open(server.wsUrl, app.id, { origin: 'https://evil.example' }),
    ).rejects.toThrow(/HTTP 403/)
    const allowed = await TestClient.open(server.wsUrl, app.id, {
      origin: 'https://shop.example',
    })
    allowed.close()

    await admin.call('PATCH', '', { allowedOrigins: [] })
  })

  it('answers guest requests from allowed origins only (CORS)', async () => {
    await admin.call('PATCH', '', { allowedOrigins: ['https://shop.example'] })
    const preflight = (origin: string) =>
      fetch(`${server.url}/v1/apps/${app.id}/guests`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      })

    const allowed = await preflight('https://shop.example')
    const refused = await preflight('https://evil.example')
    await admin.call('PATCH', '', { allowedOrigins: [] })

    expect(allowed.status).toBe(204)
    expect(allowed.headers.get('access-control-allow-origin')).toBe(
      'https://shop.example',
    )
    expect(allowed.headers.get('access-control-allow-methods')).toBe('POST')
    expect(refused.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('issues guest tokens only while the app allows guests', async () => {
    const guest = await fetch(`${server.url}/v1/apps/${app.id}/guests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Visitor' }),
    })
    expect(guest.status).toBe(200)
    const { token, user } = (await guest.json()) as {
      token: string
      user: string
    }
    const { client, reply } = await tryToken(token)
    expect(reply).toMatchObject({
      op: 'welcome',
      user: { id: user, name: 'Visitor', guest: true },
    })
    const create = await client.request({
      op: 'create',
      room: 'mine',
      kind: 'public',
    })
    expect(create).toMatchObject({ op: 'error', code: 'forbidden' })
    client.close()

    await admin.call('PATCH', '', { allowGuests: false })
    const refused = await fetch(`${server.url}/v1/apps/${app.id}/guests`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    })
    expect(refused.status).toBe(403)
    expect(await refused.json()).toMatchObject({ code: 'guests_disabled' })
    await expectRefused(token, 'guests_disabled')
    await admin.call('PATCH', '', { allowGuests: true })
  })
})

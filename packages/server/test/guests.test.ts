import { decodeJwt } from 'jose'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ServerProcess } from './support/server-process.js'

/** What the guest route's per-IP bucket holds when full. */
const guestBurst = 10

let server: ServerProcess
let appId: string
let addresses = 0

beforeAll(async () => {
  server = await ServerProcess.start()
  appId = (await server.devApp()).id
})

afterAll(async () => {
  await server?.stop()
})

/**
 * The tests reach the server over loopback, which it trusts as a proxy by
 * default, so X-Forwarded-For gives each test its own address and bucket.
 */
function freshAddress(): string {
  return `203.0.113.${++addresses}`
}

async function askForGuest(target: ServerProcess, ip: string) {
  const response = await fetch(`${target.url}/v1/apps/${appId}/guests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body: JSON.stringify({ name: 'Visitor' }),
  })
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
  }
}

describe('guest tokens', () => {
  it('last one hour by default, as expiresIn says', async () => {
    const { status, body } = await askForGuest(server, freshAddress())
    expect(status).toBe(200)

    const claims = decodeJwt(body['token'] as string)
    expect(claims).toMatchObject({
      sub: body['user'],
      aud: appId,
      guest: true,
      name: 'Visitor',
    })
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(3_600)
    expect(body['expiresIn']).toBe(3_600)
    expect(Math.abs((claims.iat ?? 0) - Date.now() / 1000)).toBeLessThan(30)
  })

  it('last as long as ALGOCHAT_GUEST_TOKEN_TTL says', async () => {
    const shortLived = await ServerProcess.start({
      env: { ALGOCHAT_GUEST_TOKEN_TTL: '90' },
    })
    try {
      const { body } = await askForGuest(shortLived, freshAddress())
      const claims = decodeJwt(body['token'] as string)
      expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(90)
      expect(body['expiresIn']).toBe(90)
    } finally {
      await shortLived.stop()
    }
  })
})

describe('the per-IP guest limit', () => {
  it('answers 429 rate_limited once an address used its burst', async () => {
    const ip = freshAddress()
    const statuses = []
    for (let i = 0; i < guestBurst; i++) {
      statuses.push((await askForGuest(server, ip)).status)
    }
    expect(statuses).toEqual(Array.from({ length: guestBurst }, () => 200))

    const refused = await askForGuest(server, ip)
    expect(refused).toMatchObject({
      status: 429,
      body: { code: 'rate_limited', retryable: true },
    })
    expect(refused.body).not.toHaveProperty('token')
  })

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const direct = await ServerProcess.start({
      env: { ALGOCHAT_TRUST_PROXY: '' },
    })
    try {
      // Every request claims a new address; all of them come from the
      // same loopback peer, so they share one bucket.
      const statuses = []
      for (let i = 0; i <= guestBurst; i++) {
        statuses.push((await askForGuest(direct, freshAddress())).status)
      }
      expect(statuses.slice(0, guestBurst)).toEqual(
        Array.from({ length: guestBurst }, () => 200),
      )
      expect(statuses[guestBurst]).toBe(429)
    } finally {
      await direct.stop()
    }
  })

  it('keeps counting each address on its own', async () => {
    const busy = freshAddress()
    for (let i = 0; i <= guestBurst; i++) await askForGuest(server, busy)
    expect((await askForGuest(server, busy)).status).toBe(429)

    expect((await askForGuest(server, freshAddress())).status).toBe(200)
  })
})

import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ServerProcess } from '../support/server-process.js'
import { sendMessage, TestClient } from '../support/test-client.js'
import { userToken } from '../support/tokens.js'
import { AdminApi } from '../support/admin-api.js'
import { engineEnv } from './support/cluster.js'

let server: ServerProcess

beforeAll(async () => {
  // PostgreSQL for accounts; bus, log and messages stay embedded.
  server = await ServerProcess.start({
    env: {
      POSTGRES_URL: engineEnv().POSTGRES_URL,
      ALGOCHAT_ADMIN_KEY: 'mixed-operator',
    },
  })
})

afterAll(async () => {
  await server?.stop()
})

describe('a mixed setup', () => {
  it('chats with PostgreSQL accounts and everything else embedded', async () => {
    const id = `mixed-${Date.now().toString(36)}`
    const created = await fetch(`${server.url}/v1/apps`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer mixed-operator',
      },
      body: JSON.stringify({ id }),
    })
    const app = (await created.json()) as { id: string; secret: string }
    await new AdminApi(server.url, app).call('POST', '/rooms', {
      id: 'hall',
      kind: 'public',
    })

    const client = await TestClient.connect(
      server.wsUrl,
      app.id,
      await userToken(app, 'mixer'),
    )
    await client.request({ op: 'join', room: 'hall' })
    const ack = await sendMessage(client, 'hall', 'hello from a mixed node')
    client.close()

    expect(server.output.join('')).toContain('"accounts":"postgres')
    expect(server.output.join('')).toContain('"messages":"sqlite"')
    expect(ack).toMatchObject({ op: 'ack', seq: 1 })
  })
})

import { afterAll, beforeAll, expect } from 'vitest'
import { ServerProcess } from './server-process.js'
import { TestClient } from './test-client.js'
import { userToken } from './tokens.js'

/** A server with alice and bob connected; set once the suite starts. */
export interface TwoUsers {
  readonly server: ServerProcess
  readonly alice: TestClient
  readonly bob: TestClient
  /** A new public room both joined and subscribed to. */
  freshRoom(): Promise<string>
}

/**
 * Starts a server for the calling test file with two users connected,
 * and stops it after the file's tests. Rooms are named `<prefix>-<n>`.
 */
export function twoUsers(prefix: string): TwoUsers {
  let server: ServerProcess | undefined
  let alice: TestClient | undefined
  let bob: TestClient | undefined
  let rooms = 0

  beforeAll(async () => {
    server = await ServerProcess.start()
    const app = await server.devApp()
    const connect = async (user: string) =>
      TestClient.connect(server!.wsUrl, app.id, await userToken(app, user))
    alice = await connect('alice')
    bob = await connect('bob')
  })

  afterAll(async () => {
    alice?.close()
    bob?.close()
    await server?.stop()
  })

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the suite has not started')
    return value
  }

  return {
    get server() {
      return started(server)
    },
    get alice() {
      return started(alice)
    },
    get bob() {
      return started(bob)
    },
    async freshRoom() {
      const room = `${prefix}-${++rooms}`
      const [a, b] = [started(alice), started(bob)]
      expect((await a.request({ op: 'create', room, kind: 'public' })).op).toBe(
        'ok',
      )
      expect((await b.request({ op: 'join', room })).op).toBe('ok')
      for (const client of [a, b]) {
        expect((await client.request({ op: 'subscribe', room })).op).toBe(
          'subscribed',
        )
      }
      return room
    },
  }
}

import { describe, expect, it } from 'vitest'
import { FakeChatServer } from '../../test/support/fake-chat-server.js'
import { RoomDirectory } from './room-directory.js'

function until(check: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 2_000
    const poll = () => {
      if (check()) return resolve()
      if (Date.now() > deadline) return reject(new Error('timed out'))
      setTimeout(poll, 5)
    }
    poll()
  })
}

describe('RoomDirectory', () => {
  it('lists the rooms with unread counts that follow new messages and reads', async () => {
    const server = new FakeChatServer()
    server.room('lobby', ['me', 'ana'], 'Lobby')
    server.room('other', ['ana'])
    server.post('lobby', 'ana', 'one')
    const client = server.client('me')
    const directory = new RoomDirectory(client)
    let changes = 0
    const stop = directory.subscribe(() => changes++)

    await client.connect()
    await until(() => directory.rooms[0]?.unread === 1)
    expect(directory.rooms).toEqual([
      { id: 'lobby', name: 'Lobby', unread: 1, joined: true },
    ])

    server.post('lobby', 'ana', 'two')
    await until(() => directory.rooms[0]?.unread === 2)

    client.room('lobby').markRead()
    await until(() => directory.rooms[0]?.unread === 0)
    expect(changes).toBeGreaterThan(0)

    stop()
    await client.close()
  })
})

import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ChatClient } from '../src/index.js'
import { clientFor, storedTexts, waitFor } from './support/clients.js'
import { tappedWebSocket, type Tap } from './support/tapped-socket.js'
import { TestServer } from './support/test-server.js'

describe('a send whose connection breaks', () => {
  let server: TestServer
  let client: ChatClient | undefined
  beforeEach(async () => {
    server = await TestServer.start()
  })
  afterEach(async () => {
    await client?.close()
    await server.dispose()
  })

  async function connected(room: string, tap: Tap) {
    const network = tappedWebSocket(tap)
    client = clientFor(server, 'ann', { WebSocket: network.WebSocket })
    await client.connect()
    const handle = await client.createRoom(room)
    handle.subscribe(() => {})
    await waitFor(() => handle.state.synced)
    return { handle, network }
  }

  it('is stored once when the ack is lost with the socket', async () => {
    let dropped = 0
    const sent: string[] = []
    const { handle } = await connected('lost-ack', {
      outgoing: (frame) => {
        if (frame.op === 'send') sent.push(frame.clientId)
      },
      // The server stores the message and acks; the ack and the event
      // never arrive because the connection dies right then.
      incoming: (frame, socket) => {
        const lost =
          dropped === 0 &&
          ((frame.op === 'ack' && frame.room === 'lost-ack') ||
            (frame.op === 'event' && frame.event.room === 'lost-ack'))
        if (!lost) return true
        dropped++
        socket.cut()
        return false
      },
    })

    const message = await handle.send('exactly once')
    expect(dropped).toBe(1)
    // It was sent twice, with one clientId.
    expect(sent).toHaveLength(2)
    expect(new Set(sent).size).toBe(1)
    expect(message.clientId).toBe(sent[0])

    await waitFor(() => handle.state.messages.length === 1)
    expect(handle.state.pending).toEqual([])
    expect(await storedTexts(server, 'lost-ack')).toEqual(['exactly once'])
  })

  it('is stored once when the socket dies right after the send left', async () => {
    let cut = false
    const { handle } = await connected('cut-after-send', {
      outgoing: (frame, socket) => {
        if (frame.op === 'send' && !cut) {
          cut = true
          socket.cutAfterFlush()
        }
      },
    })

    await handle.send('sent into the void')
    await handle.send('and another')
    await waitFor(() => handle.state.messages.length === 2)
    expect(await storedTexts(server, 'cut-after-send')).toEqual([
      'sent into the void',
      'and another',
    ])
  })

  it('is stored once when the accepted reply is lost and the command is repeated', async () => {
    let swallowed = false
    const { handle } = await connected('no-accepted', {
      incoming: (frame, socket) => {
        if (frame.op === 'accepted' && !swallowed) {
          swallowed = true
          socket.cut()
          return false
        }
        return true
      },
    })
    await handle.send('one')
    await waitFor(() => handle.state.messages.length === 1)
    expect(await storedTexts(server, 'no-accepted')).toEqual(['one'])
  })

  it('a delete whose ack is lost still resolves once the message is gone', async () => {
    let deleteId: string | undefined
    let cut = false
    const { handle } = await connected('lost-delete-ack', {
      outgoing: (frame) => {
        if (frame.op === 'delete') deleteId = frame.clientId
      },
      // The delete is stored; its ack and event die with the connection,
      // so the SDK repeats the delete after reconnecting.
      incoming: (frame, socket) => {
        const ofDelete =
          (frame.op === 'ack' && frame.clientId === deleteId) ||
          (frame.op === 'event' && frame.event.clientId === deleteId)
        if (cut || !ofDelete) return true
        cut = true
        socket.cut()
        return false
      },
    })
    const message = await handle.send('to be deleted')
    await handle.delete(message.id)
    expect(cut).toBe(true)
    await waitFor(() => handle.state.messages[0]?.deleted === true)
  })
})

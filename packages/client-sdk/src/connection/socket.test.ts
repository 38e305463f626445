import { createServer, type Server, type Socket as TcpSocket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { openSocket } from './socket.js'

/** Accepts TCP connections and never answers the upgrade. */
async function silentServer(): Promise<{ server: Server; url: string }> {
  const server = createServer((socket: TcpSocket) => {
    sockets.push(socket)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (address === null || typeof address === 'string') {
    throw new Error('no port')
  }
  return { server, url: `ws://127.0.0.1:${address.port}/v1/ws` }
}

const sockets: TcpSocket[] = []
let server: Server | undefined

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy()
  await new Promise<void>((resolve) => server?.close(() => resolve()))
  server = undefined
})

describe('openSocket on Node ws', () => {
  it('closes a socket still connecting without an unhandled error', async () => {
    const silent = await silentServer()
    server = silent.server
    const opened: WebSocket[] = []
    class Recording extends WebSocket {
      constructor(url: string) {
        super(url)
        opened.push(this)
      }
    }
    const closes: number[] = []

    const socket = openSocket(Recording, silent.url, {
      open: () => {},
      frame: () => {},
      closed: (code) => closes.push(code),
    })
    socket.close(1000)

    // ws emits the aborted handshake as an 'error' on a later tick; with
    // no listener left, emitting it would throw out of the event loop.
    const ws = opened[0]!
    await new Promise<void>((resolve) => ws.once('close', resolve))
    expect(ws.listenerCount('error')).toBeGreaterThan(0)
    expect(closes).toEqual([1000])
  })
})

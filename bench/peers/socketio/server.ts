/**
 * The Socket.IO peer: the smallest server that does what the benchmark
 * asks of Algochat. Clients authenticate with an HS256 token in the
 * handshake's `auth`, `join` rooms and `publish` to them; every member
 * of the room, the sender included, receives `message`. Nothing is
 * stored. With REDIS_URL set, rooms span nodes through the Redis adapter.
 *
 * Environment: PORT, HOST (default 127.0.0.1), SECRET, REDIS_URL.
 */
import { createServer } from 'node:http'
import { jwtVerify } from 'jose'
import { Server } from 'socket.io'

const port = Number(process.env['PORT'] ?? 3000)
const host = process.env['HOST'] ?? '127.0.0.1'
const secret = process.env['SECRET']
if (!secret) throw new Error('SECRET is required')
const key = new TextEncoder().encode(secret)

const http = createServer()
const io = new Server(http, {
  transports: ['websocket'],
  perMessageDeflate: false,
  httpCompression: false,
  serveClient: false,
})

if (process.env['REDIS_URL']) {
  const { createAdapter } = await import('@socket.io/redis-adapter')
  const { Redis } = await import('ioredis')
  const pub = new Redis(process.env['REDIS_URL'])
  const sub = pub.duplicate()
  io.adapter(createAdapter(pub, sub))
}

io.use((socket, next) => {
  const token: unknown = socket.handshake.auth['token']
  if (typeof token !== 'string') {
    next(new Error('unauthorized'))
    return
  }
  jwtVerify(token, key, { algorithms: ['HS256'] }).then(
    ({ payload }) => {
      socket.data.user = payload.sub
      next()
    },
    () => next(new Error('unauthorized')),
  )
})

io.on('connection', (socket) => {
  socket.on('join', (room: unknown, ack: unknown) => {
    if (typeof room !== 'string') return
    void socket.join(room)
    if (typeof ack === 'function') ack({ ok: true })
  })

  // Only members may publish, as in Algochat; the room's sockets get it.
  socket.on('publish', (room: unknown, text: unknown) => {
    if (typeof room !== 'string' || !socket.rooms.has(room)) return
    io.to(room).emit('message', room, text)
  })
})

http.listen(port, host, () => {
  console.log(`socket.io peer listening on ${host}:${port}`)
})

process.once('SIGINT', () => {
  void io.close().then(() => process.exit(0))
})
process.once('SIGTERM', () => process.exit(0))

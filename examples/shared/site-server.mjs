// A stand-in for a website and its backend, for the browser examples. It
// serves the example's files, the built packages under /sdk/ and
// /widget/, /config.json (where the chat server is), and GET /token: a
// token for the visitor, who is told apart by a cookie, the way a real
// site would use its session.
import { randomBytes } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import { createServer } from 'node:http'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chatServer, devApp, signToken } from './dev-app.mjs'

const packages = fileURLToPath(new URL('../../packages/', import.meta.url))
const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
}

/**
 * Serves `root` on `port`. `routes` maps extra paths to handlers that
 * return `{ type, body }`.
 */
export function serveSite({ root, port, routes = {} }) {
  const app = devApp()
  const mounts = {
    '/sdk/': join(packages, 'client-sdk/dist'),
    '/widget/': join(packages, 'react-widget/dist'),
  }

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    try {
      if (url.pathname === '/token') {
        const cookie = /visitor=([\w-]+)/.exec(request.headers.cookie ?? '')
        const visitor =
          cookie?.[1] ?? `visitor-${randomBytes(4).toString('hex')}`
        const token = signToken(app, visitor, `Visitor ${visitor.slice(8)}`)
        response.writeHead(200, {
          'content-type': 'application/json',
          'set-cookie': `visitor=${visitor}; Path=/; HttpOnly; SameSite=Lax`,
        })
        return response.end(JSON.stringify({ token }))
      }
      if (url.pathname === '/config.json') {
        response.writeHead(200, { 'content-type': 'application/json' })
        return response.end(JSON.stringify({ server: chatServer, app: app.id }))
      }
      if (routes[url.pathname]) {
        const { type, body } = await routes[url.pathname]()
        response.writeHead(200, { 'content-type': type })
        return response.end(body)
      }

      const mount = Object.keys(mounts).find((p) => url.pathname.startsWith(p))
      const base = mount ? mounts[mount] : root
      const rest = mount ? url.pathname.slice(mount.length) : url.pathname
      const path = join(
        base,
        normalize(`/${rest}`).replace(/\/$/, '/index.html'),
      )
      const body = await readFile(path)
      response.writeHead(200, {
        'content-type': types[extname(path)] ?? 'application/octet-stream',
      })
      response.end(body)
    } catch (error) {
      response.writeHead(error.code === 'ENOENT' ? 404 : 500)
      response.end(String(error.message))
    }
  })

  server.listen(port, '127.0.0.1', () => {
    console.log(
      `example on http://127.0.0.1:${port}/ (chat server ${chatServer})`,
    )
  })
  return server
}

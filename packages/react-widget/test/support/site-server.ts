import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ChatServer } from './chat-server.js'
import { embedFiles } from './embed-files.js'

export interface Site {
  url: string
  close(): Promise<void>
}

/** The policy a careful shop would send: nothing inline, nothing foreign. */
export const strictPolicy =
  "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' ws:"

/**
 * A third-party site on its own origin: a page with the embed script,
 * its stylesheet (with rules hostile to anything it might reach), and a
 * token endpoint standing in for the site's backend. Every response
 * carries the strict Content-Security-Policy.
 */
export async function startSite(chat: ChatServer): Promise<Site> {
  const { js, css } = await embedFiles()
  let visitors = 0

  const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Strict shop</title>
    <link rel="stylesheet" href="/site.css" />
    <script
      src="/embed.js"
      data-server="${chat.url}"
      data-app="${chat.app.id}"
      data-token-url="/token"
      data-rooms="lobby"
      defer
    ></script>
  </head>
  <body>
    <main><h1>A page with a strict policy</h1></main>
  </body>
</html>`

  // Broad, important rules: if they reached the widget it would break.
  const siteCss = `* { color: rgb(255, 0, 0) !important; font-family: monospace !important; }
div { display: none !important; }
button { width: 3px !important; }
ol, li { list-style: decimal !important; }`

  const server: Server = createServer((request, response) => {
    const send = (type: string, body: string, extra = {}) => {
      response.writeHead(200, {
        'content-type': type,
        'content-security-policy': strictPolicy,
        ...extra,
      })
      response.end(body)
    }
    const path = new URL(request.url ?? '/', 'http://site').pathname
    if (path === '/embed.js') return send('text/javascript', js)
    if (path === '/embed.css') return send('text/css', css)
    if (path === '/site.css') return send('text/css', siteCss)
    if (path === '/token') {
      // The visitor's identity lives in the site's own cookie.
      const cookie = /visitor=(\w+)/.exec(request.headers.cookie ?? '')?.[1]
      const visitor = cookie ?? `visitor${++visitors}`
      return send(
        'application/json',
        JSON.stringify({ token: chat.token(visitor, `Visitor ${visitor}`) }),
        { 'set-cookie': `visitor=${visitor}; Path=/; HttpOnly; SameSite=Lax` },
      )
    }
    if (path === '/') return send('text/html; charset=utf-8', page)
    response.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

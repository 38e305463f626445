import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ChatServer } from './chat-server.js'

export interface TestSite {
  /** The site's origin, with a trailing slash. */
  url: string
  /** Serves `html` at a new address on the site and returns it. */
  page(html: string): string
  close(): Promise<void>
}

/**
 * A third-party site on its own origin for pages a test writes, so each
 * test can put the embed on a page the way a site would. Its
 * `/chat-token?user=…` stands in for the site's backend: it signs a
 * token for that user with the chat app's secret.
 */
export async function startTestSite(chat: ChatServer): Promise<TestSite> {
  const pages = new Map<string, string>()

  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://site')
    const html = pages.get(url.pathname)
    if (html !== undefined) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      return response.end(html)
    }
    const user = url.searchParams.get('user')
    if (url.pathname === '/chat-token' && user) {
      response.writeHead(200, { 'content-type': 'application/json' })
      return response.end(JSON.stringify({ token: chat.token(user) }))
    }
    response.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}/`

  return {
    url: origin,
    page(html) {
      const path = `/page-${pages.size + 1}`
      pages.set(path, html)
      return new URL(path, origin).href
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

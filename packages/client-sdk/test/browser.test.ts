import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { build } from 'tsup'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { clientFor, storedTexts, texts, waitFor } from './support/clients.js'
import { TestServer } from './support/test-server.js'

const chromiumPath = '/usr/bin/chromium'

/** The SDK bundled as a browser would load it from a CDN. */
async function bundleSdk(): Promise<string> {
  const outDir = await mkdtemp(join(tmpdir(), 'algochat-sdk-bundle-'))
  await build({
    config: false,
    entry: { sdk: new URL('../src/index.ts', import.meta.url).pathname },
    format: ['esm'],
    platform: 'browser',
    target: 'es2022',
    outDir,
    noExternal: ['@algochat/protocol'],
    silent: true,
  })
  const code = await readFile(join(outDir, 'sdk.js'), 'utf8')
  await rm(outDir, { recursive: true, force: true })
  return code
}

/**
 * Serves the SDK and the test page's script over HTTP on 127.0.0.1, so the
 * page and the chat server share the local address space Chromium
 * requires for WebSocket connections to a local address.
 */
async function servePage(sdk: string): Promise<{ url: string; close(): void }> {
  const script = await readFile(
    new URL('./browser/page.js', import.meta.url),
    'utf8',
  )
  const http = createServer((request, response) => {
    const js = (body: string) => {
      response.writeHead(200, { 'content-type': 'text/javascript' })
      response.end(body)
    }
    if (request.url === '/sdk.js') return js(sdk)
    if (request.url === '/page.js') return js(script)
    response.writeHead(200, { 'content-type': 'text/html' })
    response.end(
      '<!doctype html><script type="module" src="/page.js"></script>',
    )
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve))
  const address = http.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => http.close(),
  }
}

async function ready(page: Page): Promise<void> {
  await page.waitForFunction('window.pageReady === true')
}

describe('in Chromium', () => {
  let server: TestServer
  let browser: Browser
  let site: { url: string; close(): void }

  beforeAll(async () => {
    ;[server, browser, site] = await Promise.all([
      TestServer.start(),
      chromium.launch({ executablePath: requireChromium() }),
      bundleSdk().then(servePage),
    ])
  })
  afterAll(async () => {
    site?.close()
    await browser?.close()
    await server?.dispose()
  })

  async function openPage(): Promise<Page> {
    const page = await browser.newPage()
    await page.goto(site.url)
    await ready(page)
    return page
  }

  it('keeps sends made offline across a page reload and stores each once', async () => {
    const setup = clientFor(server, 'ann')
    await setup.connect()
    await setup.createRoom('browser')
    await setup.close()
    await server.kill()

    const page = await openPage()
    const options = {
      url: server.url,
      app: server.app.id,
      token: await server.token('ann'),
    }
    const written = ['one', 'two', 'three']

    // Offline: the sends are queued, shown as pending, written to IndexedDB.
    const pending = await page.evaluate(
      ([o, room, texts]) => window.sendOffline(o, room, texts),
      [options, 'browser', written] as const,
    )
    expect(pending).toEqual(written)
    await page.waitForFunction(
      async (app) => (await window.outboxSize(app)) === 3,
      server.app.id,
    )

    await page.reload()
    await ready(page)
    await server.restart()

    // After the reload they reappear as pending, then go out once each.
    const after = await page.evaluate(
      ([o, room, n]) => window.resumeAfterReload(o, room, n),
      [options, 'browser', written.length] as const,
    )
    expect(after).toEqual({ pending: written, texts: written })
    expect(
      await page.evaluate((app) => window.outboxSize(app), server.app.id),
    ).toBe(0)
    expect(await storedTexts(server, 'browser')).toEqual(written)
    await page.close()
  })

  it('chats live with a Node client through the browser WebSocket', async () => {
    const node = clientFor(server, 'bob')
    await node.connect()
    const room = await node.createRoom('live')
    room.subscribe(() => {})

    const page = await openPage()
    const options = {
      url: server.url,
      app: server.app.id,
      token: await server.token('ann'),
    }
    const answered = page.evaluate(
      ([o, id]) => window.answer(o, id, 'from node', 'from the browser'),
      [options, 'live'] as const,
    )

    await waitFor(() => room.state.online.includes('ann'))
    await room.send('from node')
    expect(await answered).toBe('from the browser')
    await waitFor(() => room.state.messages.length === 2)
    expect(texts(room.state)).toEqual(['from node', 'from the browser'])
    await node.close()
    await page.close()
  })
})

interface PageOptions {
  url: string
  app: string
  token: string
}

declare global {
  interface Window {
    pageReady: boolean
    sendOffline(
      options: PageOptions,
      room: string,
      texts: readonly string[],
    ): Promise<string[]>
    outboxSize(app: string): Promise<number>
    resumeAfterReload(
      options: PageOptions,
      room: string,
      expected: number,
    ): Promise<{ pending: string[]; texts: string[] }>
    answer(
      options: PageOptions,
      room: string,
      awaited: string,
      reply: string,
    ): Promise<string>
  }
}

function requireChromium(): string {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `${chromiumPath} is missing: run "bash scripts/engines/engines.sh install-chromium"`,
    )
  }
  return chromiumPath
}

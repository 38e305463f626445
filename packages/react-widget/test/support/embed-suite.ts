import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'
import { ChatServer } from './chat-server.js'
import { launchChromium } from './chromium.js'
import { embedFiles } from './embed-files.js'
import { startTestSite, type TestSite } from './test-site.js'

type ContextOptions = Parameters<Browser['newContext']>[0]

/** A chat server, a third-party site and Chromium, for one test file. */
export interface EmbedSuite {
  readonly server: ChatServer
  readonly site: TestSite
  /** A page in a browser profile of its own, closed after the file. */
  newPage(options?: ContextOptions): Promise<Page>
}

/**
 * Starts what an end-to-end embed test needs before the file's tests and
 * stops it after them. `prepare` runs once the server is up.
 */
export function embedSuite(
  prepare?: (server: ChatServer) => Promise<void>,
): EmbedSuite {
  let server: ChatServer | undefined
  let browser: Browser | undefined
  let site: TestSite | undefined
  const contexts: BrowserContext[] = []

  beforeAll(async () => {
    await embedFiles()
    ;[server, browser] = await Promise.all([
      ChatServer.start(),
      launchChromium(),
    ])
    site = await startTestSite(server)
    await prepare?.(server)
  })

  afterAll(async () => {
    await Promise.all(contexts.map((context) => context.close()))
    await browser?.close()
    await site?.close()
    await server?.dispose()
  })

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the suite has not started')
    return value
  }

  return {
    get server() {
      return started(server)
    },
    get site() {
      return started(site)
    },
    async newPage(options) {
      const context = await started(browser).newContext(options)
      contexts.push(context)
      return context.newPage()
    },
  }
}

import type { Browser, BrowserContext } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ChatServer } from './support/chat-server.js'
import { launchChromium } from './support/chromium.js'
import { embedFiles } from './support/embed-files.js'
import { WidgetPage } from './support/widget-page.js'

let server: ChatServer
let browser: Browser
const contexts: BrowserContext[] = []

beforeAll(async () => {
  await embedFiles()
  ;[server, browser] = await Promise.all([ChatServer.start(), launchChromium()])
})

afterAll(async () => {
  await Promise.all(contexts.map((context) => context.close()))
  await browser?.close()
  await server?.dispose()
})

/** A visitor of the sample shop page: their own browser profile. */
async function visitor(): Promise<WidgetPage> {
  const context = await browser.newContext()
  contexts.push(context)
  const page = await context.newPage()
  await page.goto(server.url)
  const widget = new WidgetPage(page)
  await widget.open()
  return widget
}

describe('the embed script on the sample shop page', () => {
  it('lets two visitors chat as guests in the lobby', async () => {
    const [ana, bo] = await Promise.all([visitor(), visitor()])

    await ana.send('hello from ana')
    await bo.message('hello from ana').waitFor()
    await expect
      .poll(() => bo.message('hello from ana').textContent())
      .toMatch(/^Guest /)

    await bo.panel
      .getByRole('textbox', { name: 'Message' })
      .pressSequentially('typ')
    await ana.panel.getByText(/is typing…$/).waitFor()

    await bo.send('hi ana')
    await ana.message('hi ana').waitFor()
    expect(await ana.message('hello from ana').textContent()).toContain('You')
  })

  it('delivers a message written offline once the connection is back', async () => {
    const [ana, bo] = await Promise.all([visitor(), visitor()])
    const context = ana.page.context()

    // The server goes away and then the visitor's network drops, so the
    // socket is really gone and the SDK has to reconnect and resume. (The
    // other order is slower: the SDK notices a socket dropped by the
    // network only by its heartbeat.)
    await server.kill()
    await ana.panel.getByText('Reconnecting…').waitFor()
    await context.setOffline(true)
    await ana.panel.getByText(/^Offline/).waitFor()
    await ana.send('written offline')
    await expect
      .poll(() => ana.pending('written offline').textContent())
      .toContain('Sending…')

    await server.restart()
    await context.setOffline(false)

    await Promise.all([
      bo.message('written offline').waitFor({ timeout: 30_000 }),
      ana.message('written offline').waitFor({ timeout: 30_000 }),
    ]).catch(async (error: Error) => {
      throw new Error(
        `${error.message}\nana: ${await ana.describe()}\nbo: ${await bo.describe()}`,
      )
    })
    await expect.poll(() => ana.pending('written offline').count()).toBe(0)
    expect(await bo.messages.getByText('written offline').count()).toBe(1)
  })

  it('renders hostile messages as inert text', async () => {
    const [ana, bo] = await Promise.all([visitor(), visitor()])
    let dialogs = 0
    ana.page.on('dialog', (dialog) => {
      dialogs++
      void dialog.dismiss()
    })

    const hostile = [
      '<img src=x onerror="window.pwned=1;alert(1)">',
      'javascript:alert(1)',
      '<a href="javascript:alert(1)">click</a>',
      '<script>window.pwned=1</script>',
      'safe: https://example.com/page',
    ]
    for (const text of hostile) await bo.send(text)
    for (const text of hostile) await ana.message(text).waitFor()

    const shadow = ana.page.locator('[data-algochat]')
    const inert = await shadow.evaluate((host) => {
      const root = host.shadowRoot!
      return {
        images: root.querySelectorAll('img').length,
        scripts: root.querySelectorAll('script').length,
        links: [...root.querySelectorAll('a')].map((a) => ({
          href: a.getAttribute('href'),
          rel: a.getAttribute('rel'),
          target: a.getAttribute('target'),
        })),
      }
    })
    expect(inert).toEqual({
      images: 0,
      scripts: 0,
      links: [
        {
          href: 'https://example.com/page',
          rel: 'noopener noreferrer',
          target: '_blank',
        },
      ],
    })

    await ana.messages.getByText('javascript:alert(1)', { exact: true }).click()
    await ana.messages.getByText('click').first().click()
    expect(await ana.page.evaluate(() => 'pwned' in window)).toBe(false)
    expect(dialogs).toBe(0)
  })
})

import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { mountCallHtml } from './support/embed-html.js'
import { embedSuite } from './support/embed-suite.js'
import { WidgetPage } from './support/widget-page.js'

const suite = embedSuite()

/**
 * A page of the site that loads embed.js from the chat server and mounts
 * the widget in code for `user`, with no `server` option: the widget
 * has to find the chat server from where the script came from.
 */
async function mountingPage(user: string): Promise<Page> {
  const page = await suite.newPage()
  const html = mountCallHtml(`${suite.server.url}/embed.js`, {
    app: suite.server.app.id,
    tokenUrl: `/chat-token?user=${user}`,
    rooms: ['lobby'],
  })
  await page.goto(suite.site.page(html))
  await page.waitForFunction(() => window.chat !== undefined)
  return page
}

describe('Algochat.mount() called by the page', () => {
  it('mounts one widget that chats with the server the script came from', async () => {
    const page = await mountingPage('ana')
    const ana = new WidgetPage(page)

    // Without data-app the script tag only defines the loader.
    expect(await page.evaluate(() => window.Algochat?.widget)).toBeUndefined()
    expect(await page.locator('[data-algochat]').count()).toBe(1)

    await page.evaluate(() => window.chat?.open())
    await ana.panel.waitFor()
    const bo = new WidgetPage(await suite.newPage())
    await bo.page.goto(suite.server.url)
    await bo.open()

    await ana.send('hello from a page that mounts in code')
    const received = bo.message('hello from a page that mounts in code')
    await received.waitFor()
    expect(await received.textContent()).toMatch(/^ana/)

    await bo.send('and hello back')
    await ana.message('and hello back').waitFor()
  })

  it('starts a guest session from a page on another origin', async () => {
    const page = await suite.newPage()
    const html = mountCallHtml(`${suite.server.url}/embed.js`, {
      app: suite.server.app.id,
      guest: true,
      open: true,
    })
    await page.goto(suite.site.page(html))
    const guest = new WidgetPage(page)
    await guest.panel.waitFor()

    await expect
      .poll(() => page.evaluate(() => window.chat?.client.user?.guest))
      .toBe(true)
    await guest.send('a guest on another site')
    await guest.message('a guest on another site').waitFor()
  })

  it('unmounts: the widget leaves the page and its connection closes', async () => {
    const page = await mountingPage('cy')
    const status = () => page.evaluate(() => window.chat?.client.status)
    await expect.poll(status).toBe('online')

    await page.evaluate(() => window.chat?.unmount())

    expect(await page.locator('[data-algochat]').count()).toBe(0)
    await expect.poll(status).toBe('closed')
  })
})

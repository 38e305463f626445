import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ChatServer } from './support/chat-server.js'
import { launchChromium } from './support/chromium.js'
import { startSite, type Site } from './support/site-server.js'
import { WidgetPage } from './support/widget-page.js'

let server: ChatServer
let browser: Browser
let site: Site

beforeAll(async () => {
  ;[server, browser] = await Promise.all([ChatServer.start(), launchChromium()])
  site = await startSite(server)
})

afterAll(async () => {
  await browser?.close()
  await site?.close()
  await server?.dispose()
})

/** Opens the strict page and records every policy violation it reports. */
async function strictVisitor(): Promise<{
  widget: WidgetPage
  violations: string[]
}> {
  const context = await browser.newContext()
  const page: Page = await context.newPage()
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) {
      violations.push(message.text())
    }
  })
  await page.exposeFunction('reportViolation', (text: string) =>
    violations.push(text),
  )
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { reportViolation(t: string): void })
        .reportViolation
      report(`${event.violatedDirective} blocked ${event.blockedURI}`)
    })
  })
  await page.goto(site.url)
  const widget = new WidgetPage(page)
  await widget.open()
  return { widget, violations }
}

describe('the embed script under a strict Content-Security-Policy', () => {
  it('chats with no policy violation, using the token endpoint', async () => {
    const [ana, bo] = await Promise.all([strictVisitor(), strictVisitor()])

    await ana.widget.send('hello under a strict policy')
    await bo.widget.message('hello under a strict policy').waitFor()
    await bo.widget.send('and back')
    await ana.widget.message('and back').waitFor()
    await expect
      .poll(() =>
        bo.widget.message('hello under a strict policy').textContent(),
      )
      .toMatch(/^visitor\d/)

    expect([...ana.violations, ...bo.violations]).toEqual([])
  })

  it('would notice a violation: the check itself works', async () => {
    const { widget, violations } = await strictVisitor()

    await widget.page.evaluate(() =>
      document.body.setAttribute('style', 'color: blue'),
    )

    await expect.poll(() => violations.length).toBeGreaterThan(0)
  })

  it('keeps the page styles out of the widget', async () => {
    const { widget } = await strictVisitor()
    await widget.send('styled by the widget')
    const message = widget.message('styled by the widget')
    await message.waitFor()

    const launcher = widget.page
      .getByRole('button', { name: 'Close chat' })
      .last()
    const styles = await message.evaluate((item) => {
      const bubble = item.querySelector('.ac-bubble')!
      const style = getComputedStyle(bubble)
      return {
        color: style.color,
        font: style.fontFamily,
        display: getComputedStyle(item).display,
        listStyle: getComputedStyle(item).listStyleType,
      }
    })
    expect(styles.color).not.toBe('rgb(255, 0, 0)')
    expect(styles.font).not.toContain('monospace')
    expect(styles.display).not.toBe('none')
    expect(styles.listStyle).toBe('none')
    expect((await launcher.boundingBox())?.width).toBe(56)

    // …and the widget's styles stay out of the page.
    const heading = await widget.page
      .locator('h1')
      .evaluate((h1) => getComputedStyle(h1).fontFamily)
    expect(heading).toBe('monospace')
  })
})

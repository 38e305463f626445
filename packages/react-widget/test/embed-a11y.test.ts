import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ChatServer } from './support/chat-server.js'
import { launchChromium } from './support/chromium.js'
import { embedFiles } from './support/embed-files.js'
import { WidgetPage } from './support/widget-page.js'

let server: ChatServer
let browser: Browser
let axeSource: string

beforeAll(async () => {
  await embedFiles()
  axeSource = await readFile(
    createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
    'utf8',
  )
  ;[server, browser] = await Promise.all([ChatServer.start(), launchChromium()])
})

afterAll(async () => {
  await browser?.close()
  await server?.dispose()
})

interface Violation {
  id: string
  help: string
  nodes: { target: unknown; failureSummary?: string | undefined }[]
}

interface AxeReport {
  violations: Violation[]
  /** Checks that passed on elements inside the widget's shadow root. */
  passedInWidget: number
}

/** axe-core's findings for the page, shadow roots included. */
async function runAxe(page: Page): Promise<AxeReport> {
  await page.addScriptTag({ content: axeSource })
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(context: Document): Promise<{
            violations: Violation[]
            passes: Violation[]
          }>
        }
      }
    ).axe
    const { violations, passes } = await axe.run(document)
    // Targets inside a shadow root are paths: [host, inner selector].
    const inShadow = (node: { target: unknown }) =>
      Array.isArray(node.target) && Array.isArray(node.target[0])
    return {
      violations: violations.map(({ id, help, nodes }) => ({
        id,
        help,
        nodes: nodes.map(({ target, failureSummary }) => ({
          target,
          failureSummary,
        })),
      })),
      passedInWidget: passes.flatMap((rule) => rule.nodes.filter(inShadow))
        .length,
    }
  })
}

let sent = 0

/** A page with the widget open on a conversation with some history. */
async function openWidget(colorScheme: 'light' | 'dark'): Promise<WidgetPage> {
  const context = await browser.newContext({ colorScheme })
  const page = await context.newPage()
  await page.goto(server.url)
  const widget = new WidgetPage(page)
  await widget.open()
  const text = `message ${++sent} in ${colorScheme} mode, see https://example.com`
  await widget.send(text)
  await widget.message(text).waitFor()
  return widget
}

describe('accessibility of the open widget', () => {
  it.each(['light', 'dark'] as const)(
    'has no axe-core violations in %s mode',
    async (scheme) => {
      const widget = await openWidget(scheme)
      const other = await openWidget(scheme)
      await other.send(`a reply in ${scheme} mode`)
      await widget.message(`a reply in ${scheme} mode`).waitFor()

      const report = await runAxe(widget.page)
      expect(report.violations).toEqual([])
      expect(report.passedInWidget).toBeGreaterThan(20)
    },
  )

  it('announces messages from others in a live region', async () => {
    const [ana, bo] = await Promise.all([
      openWidget('light'),
      openWidget('light'),
    ])

    await bo.send('can you hear me?')

    await expect
      .poll(() => ana.panel.getByRole('status').last().textContent())
      .toMatch(/: can you hear me\?$/)
  })

  it('works from the keyboard alone', async () => {
    const context = await browser.newContext()
    const page = await context.newPage()
    await page.goto(server.url)
    const launcher = page.getByRole('button', { name: /^Open chat/ })
    await launcher.focus()

    await page.keyboard.press('Enter')
    const box = page.getByRole('textbox', { name: 'Message' })
    await expect
      .poll(() => box.evaluate((el) => el.matches(':focus')))
      .toBe(true)
    await page.keyboard.type('typed without a mouse')
    await page.keyboard.press('Enter')
    await new WidgetPage(page).message('typed without a mouse').waitFor()

    await page.keyboard.press('Escape')
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0)
    expect(
      await page
        .getByRole('button', { name: /^Open chat/ })
        .evaluate((el) => el.matches(':focus')),
    ).toBe(true)
  })
})

import type { Locator } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { scriptTagHtml } from './support/embed-html.js'
import { embedSuite } from './support/embed-suite.js'
import { WidgetPage } from './support/widget-page.js'

const suite = embedSuite(async (server) => {
  // The dev app has a public lobby; a second public room to go with it.
  await server.admin('POST', '/rooms', {
    id: 'support',
    kind: 'public',
    name: 'Support',
  })
})

/** `user` on a page that offers both rooms, with the panel open. */
async function visitor(user: string): Promise<WidgetPage> {
  const page = await suite.newPage()
  const html = scriptTagHtml(`${suite.server.url}/embed.js`, {
    app: suite.server.app.id,
    'token-url': `/chat-token?user=${user}`,
    rooms: 'lobby,support',
  })
  await page.goto(suite.site.page(html))
  const widget = new WidgetPage(page)
  await widget.open()
  return widget
}

/** The room list's entry for a room; its name may carry an unread count. */
function roomButton(widget: WidgetPage, name: 'lobby' | 'support'): Locator {
  return widget.panel
    .getByRole('navigation', { name: 'Conversations' })
    .getByRole('button', { name: new RegExp(`^${name}`, 'i') })
}

describe('several conversations in one embedded widget', () => {
  it('lists both rooms and shows each room its own messages', async () => {
    const [ana, bo] = await Promise.all([visitor('ana'), visitor('bo')])
    await expect
      .poll(() => ana.panel.getByRole('navigation').getByRole('button').count())
      .toBe(2)

    await bo.send('news from the lobby')
    await roomButton(bo, 'support').click()
    await bo.send('a question for support')
    await bo.message('a question for support').waitFor()

    await ana.message('news from the lobby').waitFor()
    expect(await ana.messages.getByText('a question for support').count()).toBe(
      0,
    )
    expect(await roomButton(ana, 'lobby').getAttribute('aria-current')).toBe(
      'true',
    )

    await roomButton(ana, 'support').click()
    await ana.message('a question for support').waitFor()
    expect(await ana.messages.getByText('news from the lobby').count()).toBe(0)
    expect(await roomButton(ana, 'support').getAttribute('aria-current')).toBe(
      'true',
    )

    await roomButton(ana, 'lobby').click()
    await ana.message('news from the lobby').waitFor()
  })

  it('badges the room not shown when a message arrives there', async () => {
    const [cy, dee] = await Promise.all([visitor('cy'), visitor('dee')])
    // Opening the support room once makes cy a member, whose unread
    // messages there count; then cy goes back to the lobby.
    await roomButton(cy, 'support').click()
    await expect
      .poll(() => roomButton(cy, 'support').textContent())
      .toBe('Support')
    await roomButton(cy, 'lobby').click()
    await cy.messages.waitFor()

    await roomButton(dee, 'support').click()
    await dee.send('is anyone in support?')

    const badge = roomButton(cy, 'support').locator('.ac-badge')
    await expect.poll(() => badge.textContent()).toBe('1')
    expect(await roomButton(cy, 'support').getAttribute('aria-label')).toBe(
      'Support, 1 unread',
    )
    expect(await roomButton(cy, 'lobby').locator('.ac-badge').count()).toBe(0)

    // Closed, the launcher carries the count.
    await cy.page.getByRole('button', { name: 'Close chat' }).last().click()
    await cy.page.getByRole('button', { name: 'Open chat, 1 unread' }).waitFor()
    await cy.open()

    await roomButton(cy, 'support').click()
    await cy.message('is anyone in support?').waitFor()
    await expect.poll(() => badge.count()).toBe(0)
  })
})

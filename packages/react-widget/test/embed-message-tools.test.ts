import { describe, expect, it } from 'vitest'
import { scriptTagHtml } from './support/embed-html.js'
import { embedSuite } from './support/embed-suite.js'
import { WidgetPage } from './support/widget-page.js'

const suite = embedSuite()

/** `user` in the lobby, with the panel open. */
async function visitor(user: string): Promise<WidgetPage> {
  const page = await suite.newPage()
  const html = scriptTagHtml(`${suite.server.url}/embed.js`, {
    app: suite.server.app.id,
    'token-url': `/chat-token?user=${user}`,
  })
  await page.goto(suite.site.page(html))
  const widget = new WidgetPage(page)
  await widget.open()
  return widget
}

describe('the tools on a message in the embedded widget', () => {
  it('deletes a message for everyone when its author uses Delete', async () => {
    const [ana, bo] = await Promise.all([visitor('ana'), visitor('bo')])
    const text = 'a message to take back'
    await ana.send(text)
    await ana.message(text).waitFor()
    const seen = bo.message(text)
    await seen.waitFor()

    // Only the author is offered Delete.
    await seen.hover()
    expect(await seen.getByRole('button', { name: 'Delete' }).count()).toBe(0)

    const mine = ana.message(text)
    await mine.hover()
    await mine.getByRole('button', { name: 'Delete' }).click()

    await expect.poll(() => bo.messages.getByText(text).count()).toBe(0)
    const placeholder = bo.messages
      .locator('li.ac-msg')
      .filter({ hasText: 'Message deleted' })
    expect(await placeholder.textContent()).toMatch(/^ana .*Message deleted$/)
    await expect
      .poll(() => ana.messages.getByText('Message deleted').count())
      .toBe(1)
  })

  it('counts a quick reaction for everyone, and a second one from the chip', async () => {
    const [cy, dee] = await Promise.all([visitor('cy'), visitor('dee')])
    const text = 'react to this'
    await cy.send(text)
    const theirs = dee.message(text)
    await theirs.waitFor()

    await theirs.hover()
    await theirs.getByRole('button', { name: 'React with 👍' }).click()

    const chip = cy
      .message(text)
      .getByRole('button', { name: '👍 1, toggle your reaction' })
    await chip.waitFor()
    expect(await chip.getAttribute('aria-pressed')).toBe('false')
    const ownChip = theirs.getByRole('button', { name: /^👍 1,/ })
    await expect.poll(() => ownChip.getAttribute('aria-pressed')).toBe('true')
    // Reacted once, the quick button gives way to the chip.
    expect(
      await theirs.getByRole('button', { name: 'React with 👍' }).count(),
    ).toBe(0)

    await chip.click()
    await theirs
      .getByRole('button', { name: '👍 2, toggle your reaction' })
      .waitFor()
  })
})

import type { Locator, Page } from 'playwright-core'
import type {} from '../../src/embed/embed.js'

/** Drives the embedded widget on a page the way a visitor would. */
export class WidgetPage {
  readonly page: Page

  constructor(page: Page) {
    this.page = page
  }

  /** The panel; locators reach into the open shadow root. */
  get panel(): Locator {
    return this.page.getByRole('dialog', { name: 'Chat' })
  }

  get messages(): Locator {
    return this.panel.getByRole('list', { name: 'Messages' })
  }

  async open(): Promise<void> {
    await this.page.getByRole('button', { name: /^Open chat/ }).click()
    await this.panel.waitFor()
  }

  async send(text: string): Promise<void> {
    const box = this.panel.getByRole('textbox', { name: 'Message' })
    await box.fill(text)
    await box.press('Enter')
  }

  /** The stored message with exactly this text. */
  message(text: string): Locator {
    return this.#item('li.ac-msg:not(.ac-pending)', text)
  }

  /** This user's message with this text that is not stored yet. */
  pending(text: string): Locator {
    return this.#item('li.ac-pending', text)
  }

  /** The client's view of a room, for failure messages. */
  async describe(room = 'lobby'): Promise<string> {
    return this.page.evaluate((id) => {
      const client = window.Algochat?.widget?.client
      if (!client) return 'no widget'
      const state = client.room(id).state
      return JSON.stringify({
        status: client.status,
        user: client.user?.id,
        synced: state.synced,
        error: state.error?.code,
        lastSeq: state.lastSeq,
        messages: state.messages.map((m) => `${m.seq}:${m.text}`),
        pending: state.pending.map((m) => `${m.status}:${m.text}`),
      })
    }, room)
  }

  #item(selector: string, text: string): Locator {
    return this.messages
      .locator(selector)
      .filter({ has: this.page.getByText(text, { exact: true }) })
  }
}

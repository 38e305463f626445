// Makes docs/widget.png: the sample shop page with the widget open on a
// short conversation. Needs the server and this package built. (No
// emoji in it: the test machines' Chromium has no emoji font.)
//   pnpm --filter @algochat/react run screenshot
import { fileURLToPath } from 'node:url'
import { ChatServer } from '../test/support/chat-server.js'
import { launchChromium } from '../test/support/chromium.js'
import { WidgetPage } from '../test/support/widget-page.js'

const output = fileURLToPath(
  new URL('../../../docs/widget.png', import.meta.url),
)

const server = await ChatServer.start()
const browser = await launchChromium()
try {
  const visit = async (): Promise<WidgetPage> => {
    const context = await browser.newContext({
      viewport: { width: 1100, height: 720 },
      deviceScaleFactor: 1,
    })
    const page = await context.newPage()
    await page.goto(server.url)
    const widget = new WidgetPage(page)
    await widget.open()
    return widget
  }
  const shopper = await visit()
  const staff = await visit()

  await shopper.send('Hi! Does the Ridgeline 2 fit two people with packs?')
  await staff
    .message('Hi! Does the Ridgeline 2 fit two people with packs?')
    .waitFor()
  await staff.send(
    'It does: two vestibules, one per side. Specs: https://example.com/ridgeline-2',
  )
  await staff.send('Want me to hold one for pickup?')
  await shopper.message('Want me to hold one for pickup?').waitFor()
  await shopper.send('Yes please, Saturday morning.')
  await shopper.message('Yes please, Saturday morning.').waitFor()
  // The SDK signals typing at most every 3 s, counting the last message.
  await shopper.page.waitForTimeout(3_000)
  await shopper.panel.getByRole('textbox', { name: 'Message' }).click()
  await shopper.panel
    .getByRole('textbox', { name: 'Message' })
    .pressSequentially('Thanks')
  await staff.panel.getByText(/is typing…$/).waitFor()

  await staff.page.mouse.move(0, 0)
  await staff.page.screenshot({ path: output })
  console.log(`wrote ${output}`)
} finally {
  await browser.close()
  await server.dispose()
}

import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ChatServer } from './support/chat-server.js'
import { launchChromium } from './support/chromium.js'
import { embedFiles } from './support/embed-files.js'

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url))

let server: ChatServer
let browser: Browser
const children: ChildProcess[] = []

beforeAll(async () => {
  await embedFiles()
  ;[server, browser] = await Promise.all([ChatServer.start(), launchChromium()])
})

afterAll(async () => {
  for (const child of children) child.kill()
  await browser?.close()
  await server?.dispose()
})

/** Runs an example script against the test server; resolves once it prints `ready`. */
function run(script: string, ready: RegExp, port?: number): Promise<void> {
  const child = spawn(process.execPath, [`${examples}${script}`], {
    env: {
      ...process.env,
      ALGOCHAT_URL: server.url,
      ALGOCHAT_DATA: server.dataDir,
      ...(port && { PORT: String(port) }),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let output = ''
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} did not start:\n${output}`)),
      30_000,
    )
    const watch = (chunk: Buffer) => {
      output += chunk.toString()
      if (ready.test(output)) {
        clearTimeout(timer)
        resolve()
      }
    }
    child.stdout?.on('data', watch)
    child.stderr?.on('data', watch)
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`${script} exited with ${code}:\n${output}`))
    })
  })
}

describe('the examples', () => {
  it('chat with each other: vanilla page, script-tag page and node bot', async () => {
    await Promise.all([
      run('node-bot/bot.mjs', /say !help there/),
      run('vanilla/serve.mjs', /example on/, 15_173),
      run('script-tag/serve.mjs', /example on/, 15_174),
    ])
    const vanilla = await (await browser.newContext()).newPage()
    const tag = await (await browser.newContext()).newPage()
    // The script-tag page names the usual local server; point it here.
    await tag.route(/localhost:8080\/embed\.js$/, (route) =>
      route.fulfill({
        path: `${examples}../packages/react-widget/dist/embed.js`,
      }),
    )
    await tag.addInitScript((url: string) => {
      new MutationObserver(() => {
        document
          .querySelector('script[data-app]')
          ?.setAttribute('data-server', url)
      }).observe(document, { childList: true, subtree: true })
    }, server.url)
    await Promise.all([
      vanilla.goto('http://127.0.0.1:15173/'),
      tag.goto('http://127.0.0.1:15174/'),
    ])

    await vanilla.getByText('online').waitFor()
    const box = vanilla.getByRole('textbox', { name: 'Message' })
    await box.fill('!echo ping back')
    await box.press('Enter')
    await vanilla.getByText('helper-bot: ping back').waitFor()

    await tag
      .getByRole('button', { name: 'Open the chat from page code' })
      .click()
    await tag.getByText(/^Replying to visitor-\w+: !echo ping back$/).waitFor()
    const widgetBox = tag.getByRole('textbox', { name: 'Message' })
    await widgetBox.fill('from the script tag')
    await widgetBox.press('Enter')
    await vanilla.getByText(/: from the script tag$/).waitFor()
    expect(await tag.getByText('ping back', { exact: true }).count()).toBe(1)
  })

  it('react-app builds and chats through <ChatWidget>', async () => {
    await run('react-app/serve.mjs', /example on/, 15_175)
    const page = await (await browser.newContext()).newPage()
    await page.goto('http://127.0.0.1:15175/')

    await page.getByRole('button', { name: /^Open chat/ }).click()
    const box = page.getByRole('textbox', { name: 'Message' })
    await box.fill('from the react app')
    await box.press('Enter')

    await page
      .getByRole('dialog', { name: 'Chat' })
      .locator('li.ac-msg:not(.ac-pending)')
      .filter({ hasText: 'from the react app' })
      .waitFor()
    await page
      .getByText(
        /^\d+ (person|people) in the lobby; [1-9]\d* messages loaded\.$/,
      )
      .waitFor()
  })
})

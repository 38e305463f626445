import type { Locator } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { scriptTagHtml, type PageShape } from './support/embed-html.js'
import { embedSuite } from './support/embed-suite.js'
import { WidgetPage } from './support/widget-page.js'

const suite = embedSuite()
let visitors = 0

interface Setup extends PageShape {
  /** The system setting the page sees. @default 'light' */
  colorScheme?: 'light' | 'dark'
}

/** A page with the script tag and these extra attributes, panel open. */
async function widgetWith(
  data: Record<string, string>,
  { colorScheme = 'light', ...shape }: Setup = {},
): Promise<WidgetPage> {
  // The default viewport, 1280 × 720, leaves the panel its full size.
  const page = await suite.newPage({ colorScheme })
  const html = scriptTagHtml(
    `${suite.server.url}/embed.js`,
    {
      app: suite.server.app.id,
      'token-url': `/chat-token?user=visitor${++visitors}`,
      open: 'true',
      ...data,
    },
    shape,
  )
  await page.goto(suite.site.page(html))
  const widget = new WidgetPage(page)
  await widget.panel.waitFor()
  return widget
}

function launcher(widget: WidgetPage): Locator {
  return widget.page.locator('.ac-launcher')
}

/** A computed style inside the shadow root, as the browser resolved it. */
function style(element: Locator, property: string): Promise<string> {
  return element.evaluate(
    (node, name) => getComputedStyle(node).getPropertyValue(name),
    property,
  )
}

async function box(element: Locator) {
  const found = await element.boundingBox()
  if (!found) throw new Error('the element is not shown')
  return found
}

describe('theming the embedded widget', () => {
  it('applies data-accent, data-radius and data-font inside the shadow root', async () => {
    const look = async (widget: WidgetPage) => ({
      launcher: await style(launcher(widget), 'background-color'),
      header: await style(
        widget.panel.locator('.ac-header'),
        'background-color',
      ),
      radius: await style(widget.panel, 'border-top-left-radius'),
      font: await style(widget.panel, 'font-family'),
    })
    const [plain, themed] = await Promise.all([
      widgetWith({}),
      widgetWith({ accent: '#c2410c', radius: '3px', font: 'Georgia, serif' }),
    ])

    expect(await look(plain)).toEqual({
      launcher: 'rgb(29, 78, 216)',
      header: 'rgb(29, 78, 216)',
      radius: '12px',
      font: expect.stringContaining('system-ui'),
    })
    expect(await look(themed)).toEqual({
      launcher: 'rgb(194, 65, 12)',
      header: 'rgb(194, 65, 12)',
      radius: '3px',
      font: 'Georgia, serif',
    })
  })

  it('uses the dark palette with data-color-scheme="dark", and by default on a dark system', async () => {
    const colours = async (widget: WidgetPage) => ({
      background: await style(widget.panel, 'background-color'),
      text: await style(widget.panel, 'color'),
    })
    const [light, dark, auto] = await Promise.all([
      widgetWith({ 'color-scheme': 'light' }, { colorScheme: 'dark' }),
      widgetWith({ 'color-scheme': 'dark' }),
      widgetWith({}, { colorScheme: 'dark' }),
    ])

    expect(await colours(light)).toEqual({
      background: 'rgb(255, 255, 255)',
      text: 'rgb(17, 24, 39)',
    })
    const darkColours = {
      background: 'rgb(17, 24, 39)',
      text: 'rgb(249, 250, 251)',
    }
    expect(await colours(dark)).toEqual(darkColours)
    expect(await colours(auto)).toEqual(darkColours)
  })

  it('sits bottom right at 360 × 520 by default', async () => {
    const widget = await widgetWith({})

    const button = await box(launcher(widget))
    const panel = await box(widget.panel)
    expect(button.x + button.width).toBe(1280 - 20)
    expect(panel.x + panel.width).toBe(1280 - 20)
    expect([panel.width, panel.height]).toEqual([360, 520])
  })

  it('moves to the left with data-position and takes data-width and data-height', async () => {
    const widget = await widgetWith({
      position: 'bottom-left',
      width: '420px',
      height: '480px',
    })

    const button = await box(launcher(widget))
    const panel = await box(widget.panel)
    expect(button.x).toBe(20)
    expect(panel.x).toBe(20)
    expect([panel.width, panel.height]).toEqual([420, 480])
  })
})

describe('right-to-left', () => {
  /** Where the Send button is, seen from the text box. */
  async function sendSide(widget: WidgetPage): Promise<'left' | 'right'> {
    const input = await box(
      widget.panel.getByRole('textbox', { name: 'Message' }),
    )
    const send = await box(widget.panel.getByRole('button', { name: 'Send' }))
    if (send.x + send.width <= input.x) return 'left'
    if (send.x >= input.x + input.width) return 'right'
    throw new Error('the Send button overlaps the text box')
  }

  it('lays out left to right on a left-to-right page', async () => {
    const widget = await widgetWith({})

    expect(await style(widget.panel, 'direction')).toBe('ltr')
    expect(await sendSide(widget)).toBe('right')
  })

  it.each([
    ['data-dir="rtl"', { dir: 'rtl' }, {}],
    ['a right-to-left page', {}, { dir: 'rtl' }],
  ] as const)(
    'mirrors the panel for %s, the launcher staying in its corner',
    async (_, data, shape) => {
      const widget = await widgetWith(data, shape)

      expect(await style(widget.panel, 'direction')).toBe('rtl')
      expect(await sendSide(widget)).toBe('left')
      const button = await box(launcher(widget))
      expect(button.x + button.width).toBe(1280 - 20)
    },
  )
})

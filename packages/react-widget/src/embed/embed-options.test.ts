import { describe, expect, it } from 'vitest'
import { optionsFromScript } from './embed-options.js'
import { themeRules } from './shadow-styles.js'

function script(attributes: Record<string, string>): HTMLScriptElement {
  const element = document.createElement('script')
  element.src = 'https://chat.example/embed.js'
  for (const [name, value] of Object.entries(attributes)) {
    element.setAttribute(name, value)
  }
  return element
}

describe('optionsFromScript', () => {
  it('reads the data attributes of the script tag', () => {
    expect(
      optionsFromScript(
        script({
          'data-server': 'http://localhost:8080',
          'data-app': 'demo',
          'data-guest': 'true',
          'data-rooms': 'lobby, support',
          'data-position': 'bottom-left',
          'data-color-scheme': 'dark',
          'data-dir': 'rtl',
          'data-accent': '#c2410c',
          'data-width': '420px',
        }),
      ),
    ).toEqual({
      server: 'http://localhost:8080',
      app: 'demo',
      guest: true,
      rooms: ['lobby', 'support'],
      position: 'bottom-left',
      colorScheme: 'dark',
      dir: 'rtl',
      theme: { accent: '#c2410c', width: '420px' },
    })
  })

  it('defaults the server to where the script came from', () => {
    const options = optionsFromScript(
      script({ 'data-app': 'demo', 'data-token-url': '/chat-token' }),
    )
    expect(options.server).toBe('https://chat.example')
    expect(options.tokenUrl).toBe('/chat-token')
    expect(options.guest).toBeUndefined()
  })
})

describe('themeRules', () => {
  it('maps theme options to custom properties', () => {
    expect(themeRules({ accent: 'rebeccapurple', radius: '4px' })).toBe(
      '--ac-accent:rebeccapurple;--ac-radius:4px;',
    )
  })

  it('keeps a value from closing the rule or adding declarations', () => {
    expect(themeRules({ accent: 'red;} body{display:none' })).toBe(
      '--ac-accent:red bodydisplay:none;',
    )
  })
})

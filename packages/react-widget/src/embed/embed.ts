import css from '../styles/widget.css'
import { optionsFromScript, type EmbedOptions } from './embed-options.js'
import { mount, type EmbedHandle } from './mount.js'

/**
 * The standalone script: `<script src=".../embed.js" data-app="…">` mounts
 * the widget on its own; without `data-app` it only defines
 * `window.Algochat.mount(options)` for pages that configure it in code.
 */
interface AlgochatGlobal {
  mount(options: EmbedOptions): EmbedHandle
  /** The widget the script tag mounted, if it did. */
  widget?: EmbedHandle
}

declare global {
  interface Window {
    Algochat?: AlgochatGlobal
  }
}

const script = document.currentScript as HTMLScriptElement | null
const scriptUrl = script?.src || location.href
const cssUrl = new URL('embed.css', scriptUrl).href

const api: AlgochatGlobal = {
  mount: (options) =>
    mount(
      { ...options, server: options.server ?? new URL(scriptUrl).origin },
      css,
      cssUrl,
    ),
}
window.Algochat = api

if (script?.dataset.app) {
  const options = optionsFromScript(script)
  const start = (): void => {
    api.widget = api.mount(options)
  }
  // A script without defer or async may run before <body> exists.
  if (document.body) start()
  else document.addEventListener('DOMContentLoaded', start, { once: true })
}

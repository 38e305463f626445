import type { EmbedOptions } from '../../src/embed/embed-options.js'
import type { EmbedHandle } from '../../src/embed/mount.js'

declare global {
  interface Window {
    /** The handle a page from `mountCallHtml` keeps. */
    chat?: EmbedHandle
  }
}

export interface PageShape {
  /** The `dir` of the page's `<html>`. @default 'ltr' */
  dir?: 'ltr' | 'rtl'
}

/**
 * A page whose whole integration is the embed's script tag, loaded from
 * `scriptUrl`, with these `data-*` attributes (names without `data-`).
 */
export function scriptTagHtml(
  scriptUrl: string,
  data: Record<string, string>,
  { dir = 'ltr' }: PageShape = {},
): string {
  const attributes = Object.entries(data)
    .map(([name, value]) => `\n      data-${name}="${escapeHtml(value)}"`)
    .join('')
  return page(
    dir,
    `<script src="${escapeHtml(scriptUrl)}"${attributes}
      defer
    ></script>`,
  )
}

/**
 * A page that loads the embed with a bare script tag and mounts it from
 * its own script, keeping the handle at `window.chat`.
 */
export function mountCallHtml(
  scriptUrl: string,
  options: EmbedOptions,
  { dir = 'ltr' }: PageShape = {},
): string {
  // `<` escaped so no value can end the inline script early.
  const literal = JSON.stringify(options).replace(/</g, '\\u003c')
  return page(
    dir,
    `<script src="${escapeHtml(scriptUrl)}" defer></script>
    <script type="module">
      window.chat = window.Algochat.mount(${literal})
    </script>`,
  )
}

function page(dir: string, head: string): string {
  return `<!doctype html>
<html lang="en" dir="${dir}">
  <head>
    <meta charset="utf-8" />
    <title>A shop page</title>
    ${head}
  </head>
  <body>
    <main><h1>A shop page</h1></main>
  </body>
</html>`
}

function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
}

import type { EmbedTheme } from './embed-options.js'

const themeProperties: Record<keyof EmbedTheme, string> = {
  accent: '--ac-accent',
  accentText: '--ac-accent-text',
  radius: '--ac-radius',
  font: '--ac-font',
  fontSize: '--ac-font-size',
  width: '--ac-width',
  height: '--ac-height',
  offset: '--ac-offset',
  zIndex: '--ac-z',
}

/**
 * Styles the shadow root with constructed stylesheets: they are not
 * inline styles, so a page's `style-src 'self'` policy allows them, and
 * nothing leaks into the page. Browsers without constructed stylesheets
 * get a `<link>` to the CSS file beside the script (theme options are
 * then not applied).
 */
export function adoptStyles(
  shadow: ShadowRoot,
  css: string,
  theme: EmbedTheme,
  cssUrl: string,
): void {
  if (
    !('adoptedStyleSheets' in shadow) ||
    !('replaceSync' in CSSStyleSheet.prototype)
  ) {
    const link = document.createElement('link')
    link.rel = 'stylesheet'
    link.href = cssUrl
    shadow.append(link)
    return
  }

  // Important host rules win over the page's, even its important ones,
  // so a broad page rule cannot hide or restyle the widget's host.
  const base = new CSSStyleSheet()
  base.replaceSync(`:host{all:initial !important}${css}`)
  const overrides = new CSSStyleSheet()
  overrides.replaceSync(`.ac-root.ac-root{${themeRules(theme)}}`)
  shadow.adoptedStyleSheets = [base, overrides]
}

/** Declarations for the theme; values cannot close the rule or add one. */
export function themeRules(theme: EmbedTheme): string {
  return Object.entries(theme)
    .filter((entry): entry is [keyof EmbedTheme, string] => !!entry[1])
    .map(([key, value]) => {
      const property = themeProperties[key]
      return property ? `${property}:${value.replace(/[;{}<>\\]/g, '')};` : ''
    })
    .join('')
}

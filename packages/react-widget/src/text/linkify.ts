/** A run of message text: plain, or a link that is safe to follow. */
export type TextPart =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; href: string }

// Only these schemes become links. Anything else (javascript:, data:,
// vbscript:, relative paths) stays text, whatever it looks like.
const candidate = /\b(?:https?:\/\/|mailto:)[^\s<>"'`]+/gi
const safeProtocols = new Set(['http:', 'https:', 'mailto:'])
// Punctuation that usually ends the sentence rather than the address.
const trailing = /[.,;:!?)\]}]+$/

/** Splits message text into plain runs and http, https or mailto links. */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = []
  let last = 0

  for (const match of text.matchAll(candidate)) {
    const raw = match[0].replace(trailing, '')
    const href = safeHref(raw)
    if (!href) continue

    const start = match.index
    if (start > last)
      parts.push({ kind: 'text', text: text.slice(last, start) })
    parts.push({ kind: 'link', text: raw, href })
    last = start + raw.length
  }

  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) })
  return parts
}

function safeHref(raw: string): string | undefined {
  try {
    const url = new URL(raw)
    return safeProtocols.has(url.protocol) ? url.href : undefined
  } catch {
    return undefined
  }
}

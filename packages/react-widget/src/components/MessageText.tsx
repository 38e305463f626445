import type { ReactNode } from 'react'
import { linkify } from '../text/linkify.js'

/**
 * Message text as the user typed it. It is rendered as text nodes only,
 * so markup in a message shows as characters; http, https and mailto
 * addresses become links that open in a new tab without access to this
 * page.
 */
export function MessageText({ text }: { text: string }): ReactNode {
  return linkify(text).map((part, index) =>
    part.kind === 'text' ? (
      part.text
    ) : (
      <a key={index} href={part.href} target="_blank" rel="noopener noreferrer">
        {part.text}
      </a>
    ),
  )
}

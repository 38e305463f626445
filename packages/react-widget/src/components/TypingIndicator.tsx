import type { ReactNode } from 'react'
import { useChatContext } from '../hooks/useChatContext.js'
import { useTyping } from '../hooks/useTyping.js'
import { format } from '../i18n/format.js'

/** "Ana is typing…" under the messages; empty when nobody is. */
export function TypingIndicator({ roomId }: { roomId: string }): ReactNode {
  const { strings, displayName } = useChatContext()
  const { typing } = useTyping(roomId)
  const [first] = typing

  return (
    <p className="ac-typing">
      {typing.length > 1
        ? strings.typingMany
        : first !== undefined &&
          format(strings.typingOne, { name: displayName(first) })}
    </p>
  )
}

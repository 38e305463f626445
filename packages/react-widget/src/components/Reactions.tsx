import type { ReactNode } from 'react'
import { useChatContext } from '../hooks/useChatContext.js'
import { format } from '../i18n/format.js'

export interface ReactionsProps {
  /** Emoji to the users who chose it. */
  reactions: Readonly<Record<string, readonly string[]>> | undefined
  me: string | undefined
  onToggle: (emoji: string, on: boolean) => void
}

/** Reaction chips with counts; each toggles this user's reaction. */
export function Reactions({
  reactions = {},
  me,
  onToggle,
}: ReactionsProps): ReactNode {
  const { strings } = useChatContext()
  const used = Object.entries(reactions).filter(([, users]) => users.length)
  if (!used.length) return null

  return (
    <div className="ac-reactions">
      {used.map(([emoji, users]) => {
        const mine = me !== undefined && users.includes(me)
        return (
          <button
            key={emoji}
            type="button"
            className="ac-chip"
            aria-pressed={mine}
            aria-label={format(strings.reactions, {
              emoji,
              count: users.length,
            })}
            onClick={() => onToggle(emoji, !mine)}
          >
            {emoji} {users.length}
          </button>
        )
      })}
    </div>
  )
}

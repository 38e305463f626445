import type { ChatMessage, Room } from '@algochat/client'
import type { ReactNode } from 'react'
import { useChatContext } from '../hooks/useChatContext.js'
import { format } from '../i18n/format.js'
import { timeLabel } from '../text/dates.js'
import { classNames } from './class-names.js'
import { MessageText } from './MessageText.js'
import type { MessageRow } from './message-rows.js'
import { Reactions } from './Reactions.js'

export interface MessageItemProps {
  row: MessageRow
  room: Room
  me: string | undefined
  quickReactions: readonly string[]
  onReply: ((message: ChatMessage) => void) | undefined
}

/** One stored message: author and time, text, reply quote, reactions. */
export function MessageItem({
  row,
  room,
  me,
  quickReactions,
  onReply,
}: MessageItemProps): ReactNode {
  const { strings, locale, displayName } = useChatContext()
  const { message, newGroup, parent } = row
  const mine = message.user === me
  // Commands that fail for good (e.g. muted) leave the message as it is;
  // the client's onError hears about them.
  const ignore = (): void => {}
  const react = (emoji: string, on: boolean) =>
    room.react(message.id, emoji, on).catch(ignore)

  return (
    <li
      className={classNames(
        'ac-msg',
        mine && 'ac-mine',
        newGroup && 'ac-first',
      )}
    >
      {newGroup && (
        <div className="ac-meta">
          <span className="ac-author">{displayName(message.user)}</span>{' '}
          <time dateTime={new Date(message.at).toISOString()}>
            {timeLabel(message.at, locale)}
          </time>
        </div>
      )}
      {message.parent !== undefined && (
        <p className="ac-quote">
          {parent
            ? `${format(strings.replyingTo, { name: displayName(parent.user) })}: ${parent.deleted ? strings.deleted : excerpt(parent.text)}`
            : strings.replyToUnknown}
        </p>
      )}
      <div className="ac-bubble">
        {message.deleted ? (
          <em className="ac-deleted">{strings.deleted}</em>
        ) : (
          <MessageText text={message.text} />
        )}
        {message.editedAt !== undefined && !message.deleted && (
          <span className="ac-edited"> ({strings.edited})</span>
        )}
      </div>
      {!message.deleted && (
        <Reactions reactions={message.reactions} me={me} onToggle={react} />
      )}
      {!message.deleted && (
        // Shown over the message on hover and when reached by keyboard.
        <div className="ac-tools">
          {quickReactions
            .filter((emoji) => !message.reactions?.[emoji]?.includes(me ?? ''))
            .map((emoji) => (
              <button
                key={emoji}
                type="button"
                aria-label={format(strings.react, { emoji })}
                onClick={() => react(emoji, true)}
              >
                {emoji}
              </button>
            ))}
          {onReply && (
            <button type="button" onClick={() => onReply(message)}>
              {strings.reply}
            </button>
          )}
          {mine && (
            <button
              type="button"
              onClick={() => room.delete(message.id).catch(ignore)}
            >
              {strings.delete}
            </button>
          )}
        </div>
      )}
    </li>
  )
}

function excerpt(text: string): string {
  return text.length > 80 ? `${text.slice(0, 79)}…` : text
}

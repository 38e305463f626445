import type { PendingMessage, Room } from '@algochat/client'
import type { ReactNode } from 'react'
import { useChatContext } from '../hooks/useChatContext.js'
import { MessageText } from './MessageText.js'

/**
 * A message of this user not stored yet: sending (queued while offline),
 * or refused with Retry and Discard.
 */
export function PendingItem({
  message,
  room,
}: {
  message: PendingMessage
  room: Room
}): ReactNode {
  const { strings } = useChatContext()
  const failed = message.status === 'failed'

  return (
    <li className="ac-msg ac-mine ac-pending" data-status={message.status}>
      <div className="ac-bubble">
        <MessageText text={message.text} />
      </div>
      {failed ? (
        <div className="ac-status ac-failed">
          {strings.failed}{' '}
          <button
            type="button"
            // A second refusal shows the message as failed again.
            onClick={() => room.retry(message.clientId).catch(() => {})}
          >
            {strings.retry}
          </button>{' '}
          <button type="button" onClick={() => room.discard(message.clientId)}>
            {strings.discard}
          </button>
        </div>
      ) : (
        message.status === 'pending' && (
          <div className="ac-status">{strings.sending}</div>
        )
      )}
    </li>
  )
}

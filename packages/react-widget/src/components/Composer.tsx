import type { ChatMessage } from '@algochat/client'
import {
  useId,
  useRef,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
} from 'react'
import { useChatContext } from '../hooks/useChatContext.js'
import { format } from '../i18n/format.js'
import { classNames } from './class-names.js'

export interface ComposerProps {
  roomId: string
  /** The message being replied to; the next send becomes its reply. */
  replyTo?: ChatMessage | null
  /** Called when the reply is sent or cancelled. */
  onReplyDone?: () => void
  className?: string
}

/**
 * The text box and Send button. Enter sends, Shift+Enter starts a new
 * line; typing tells the room (the SDK throttles it). A message sent
 * offline shows as pending and goes out on reconnect.
 */
export function Composer({
  roomId,
  replyTo,
  onReplyDone,
  className,
}: ComposerProps): ReactNode {
  const { client, strings, displayName } = useChatContext()
  const box = useRef<HTMLTextAreaElement>(null)
  const [empty, setEmpty] = useState(true)
  const replyId = useId()
  const room = client.room(roomId)

  const send = (event?: FormEvent): void => {
    event?.preventDefault()
    const input = box.current
    const message = input?.value.trim()
    if (!input || !message) return
    // A refusal shows the message as failed, with Retry, in the list.
    room.send(message, replyTo ? { parent: replyTo.id } : {}).catch(() => {})
    input.value = ''
    setEmpty(true)
    if (replyTo) onReplyDone?.()
  }

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    // While an input method composes, Enter confirms the composition.
    if (event.key !== 'Enter' || event.shiftKey || composing(event)) return
    event.preventDefault()
    send()
  }

  return (
    <form className={classNames('ac-composer', className)} onSubmit={send}>
      {replyTo && (
        <div className="ac-replying" id={replyId}>
          <span>
            {format(strings.replyingTo, { name: displayName(replyTo.user) })}
          </span>
          <button type="button" onClick={onReplyDone}>
            {strings.cancelReply}
          </button>
        </div>
      )}
      <textarea
        ref={box}
        rows={1}
        aria-label={strings.messageLabel}
        aria-describedby={replyTo ? replyId : undefined}
        placeholder={strings.placeholder}
        maxLength={client.limits.maxTextLength}
        onInput={(event) => {
          setEmpty(!event.currentTarget.value.trim())
          room.typing()
        }}
        onKeyDown={onKeyDown}
      />
      <button type="submit" className="ac-send" disabled={empty}>
        {strings.send}
      </button>
    </form>
  )
}

// React wraps the native event; Preact, in the embed, passes it as is.
function composing(event: KeyboardEvent): boolean {
  const native = (event.nativeEvent ?? event) as globalThis.KeyboardEvent
  return native.isComposing
}

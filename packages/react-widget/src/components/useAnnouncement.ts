import type { RoomState } from '@algochat/client'
import { useEffect, useRef, useState } from 'react'
import { useChatContext } from '../hooks/useChatContext.js'
import { format } from '../i18n/format.js'

/**
 * The text for a live region: the newest message from someone else that
 * arrived while the list was shown. Messages present when the room was
 * caught up, and older pages, are not read out.
 */
export function useAnnouncement(
  state: RoomState,
  me: string | undefined,
): string {
  const { strings, displayName } = useChatContext()
  const [text, setText] = useState('')
  const seen = useRef<number | null>(null)
  const newest = state.messages[state.messages.length - 1]

  useEffect(() => {
    if (!state.synced && seen.current === null) return
    const last = newest?.seq ?? 0
    if (seen.current === null || last <= seen.current) {
      seen.current = Math.max(seen.current ?? 0, last)
      return
    }
    seen.current = last
    if (newest && newest.user !== me && !newest.deleted) {
      setText(
        format(strings.announce, {
          name: displayName(newest.user),
          text: newest.text,
        }),
      )
    }
  }, [newest, state.synced, me, strings, displayName])

  return text
}

import { useConnectionStatus, usePresence, useRoom } from '@algochat/react'

/** "3 people in the lobby", from the room's live state. */
export function Presence({ room }: { room: string }) {
  const status = useConnectionStatus()
  const online = usePresence(room)
  const { state } = useRoom(room)

  if (status !== 'online') return <p>Chat is {status}.</p>
  return (
    <p>
      {online.length} {online.length === 1 ? 'person' : 'people'} in the {room};{' '}
      {state.messages.length} messages loaded.
    </p>
  )
}

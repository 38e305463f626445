import type { ReactNode } from 'react'
import { useChatContext } from '../hooks/useChatContext.js'
import { useRooms } from '../hooks/useRooms.js'
import { format } from '../i18n/format.js'
import { classNames } from './class-names.js'

export interface RoomListProps {
  /** Id of the room shown now. */
  active?: string | undefined
  onSelect: (id: string) => void
  /** Rooms to list even before the user joins them. */
  offered?: readonly string[]
  className?: string
}

/** The user's rooms with unread badges; choosing one calls `onSelect`. */
export function RoomList({
  active,
  onSelect,
  offered,
  className,
}: RoomListProps): ReactNode {
  const { strings } = useChatContext()
  const { rooms } = useRooms(offered)

  return (
    <nav
      className={classNames('ac-rooms', className)}
      aria-label={strings.rooms}
    >
      <ul>
        {rooms.map((room) => (
          <li key={room.id}>
            <button
              type="button"
              aria-current={room.id === active ? 'true' : undefined}
              aria-label={
                room.unread > 0
                  ? `${room.name ?? room.id}, ${format(strings.unread, { count: room.unread })}`
                  : undefined
              }
              onClick={() => onSelect(room.id)}
            >
              {room.name ?? room.id}
              {room.unread > 0 && (
                <span className="ac-badge" aria-hidden="true">
                  {room.unread}
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  )
}

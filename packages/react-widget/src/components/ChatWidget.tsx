import {
  useEffect,
  useId,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react'
import { useChatContext } from '../hooks/useChatContext.js'
import { useConnectionStatus } from '../hooks/useConnectionStatus.js'
import { usePresence } from '../hooks/usePresence.js'
import { useRooms } from '../hooks/useRooms.js'
import { format } from '../i18n/format.js'
import { ChatRoom } from './ChatRoom.js'
import { classNames } from './class-names.js'
import { RoomList } from './RoomList.js'

export interface ChatWidgetProps {
  /**
   * Rooms offered to the visitor; the first opens first. Rooms the user
   * already belongs to are listed too.
   * @default ['lobby']
   */
  rooms?: readonly string[]
  /** Controlled open state; pair with `onOpenChange`. */
  open?: boolean
  /** Open state on mount when uncontrolled. @default false */
  defaultOpen?: boolean
  onOpenChange?: (open: boolean) => void
  /** Corner of the launcher and panel. @default 'bottom-right' */
  position?: 'bottom-right' | 'bottom-left'
  /** 'auto' follows the system setting. @default 'auto' */
  colorScheme?: 'auto' | 'light' | 'dark'
  /** Text direction. @default inherited from the page */
  dir?: 'ltr' | 'rtl'
  /** One-click reactions on every message. @default ['👍'] */
  quickReactions?: readonly string[] | undefined
  className?: string
}

const defaultRooms = ['lobby']

/**
 * A floating launcher button and a chat panel: room list (when there is
 * more than one room), messages and composer. Focus moves into the panel
 * when it opens and back to the launcher when it closes; Escape closes.
 * Style it with the `--ac-*` custom properties (see styles.css).
 */
export function ChatWidget({
  rooms: offered = defaultRooms,
  open: controlled,
  defaultOpen = false,
  onOpenChange,
  position = 'bottom-right',
  colorScheme = 'auto',
  dir,
  quickReactions,
  className,
}: ChatWidgetProps): ReactNode {
  const { strings } = useChatContext()
  const [uncontrolled, setUncontrolled] = useState(defaultOpen)
  const open = controlled ?? uncontrolled
  const { rooms, unread, refresh } = useRooms(offered)
  const [chosen, setChosen] = useState<string>()
  const active = chosen ?? offered[0] ?? rooms[0]?.id
  const panelId = useId()
  const titleId = useId()
  const launcher = useRef<HTMLButtonElement>(null)
  const panel = useRef<HTMLElement>(null)
  const wasOpen = useRef(open)

  const setOpen = (next: boolean): void => {
    setUncontrolled(next)
    onOpenChange?.(next)
  }

  // Focus follows the panel: into the composer when it opens, back to the
  // launcher when it closes, unless the user has moved on elsewhere.
  useEffect(() => {
    if (open === wasOpen.current) return
    wasOpen.current = open
    if (open) return panel.current?.querySelector('textarea')?.focus()

    const button = launcher.current
    const root = button?.getRootNode() as Document | ShadowRoot | undefined
    const focused = root?.activeElement
    if (!focused || focused === document.body) button?.focus()
  }, [open])

  const onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && open) {
      event.stopPropagation()
      setOpen(false)
    }
  }

  const label = open ? strings.closeChat : strings.openChat
  return (
    <div
      className={classNames('ac-root', className)}
      data-position={position}
      data-scheme={colorScheme}
      dir={dir}
      onKeyDown={onKeyDown}
    >
      {open && (
        <section
          ref={panel}
          id={panelId}
          className="ac-panel"
          role="dialog"
          aria-labelledby={titleId}
        >
          <div className="ac-header">
            <div>
              <h2 id={titleId}>{strings.title}</h2>
              {active && <Status roomId={active} />}
            </div>
            <button
              type="button"
              className="ac-close"
              aria-label={strings.closeChat}
              onClick={() => setOpen(false)}
            >
              <span aria-hidden="true">×</span>
            </button>
          </div>
          {rooms.length > 1 && (
            <RoomList active={active} onSelect={setChosen} offered={offered} />
          )}
          {active && (
            <ChatRoom
              key={active}
              roomId={active}
              onJoined={refresh}
              quickReactions={quickReactions}
            />
          )}
        </section>
      )}
      <button
        ref={launcher}
        type="button"
        className="ac-launcher"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        aria-label={
          unread > 0 && !open
            ? `${label}, ${format(strings.unread, { count: unread })}`
            : label
        }
        onClick={() => setOpen(!open)}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d={open ? 'M6 6l12 12M18 6L6 18' : 'M4 5h16v11H9l-5 4z'} />
        </svg>
        {unread > 0 && !open && (
          <span className="ac-badge" aria-hidden="true">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
    </div>
  )
}

/** Connection trouble when there is any, and who is online. */
function Status({ roomId }: { roomId: string }): ReactNode {
  const { strings } = useChatContext()
  const status = useConnectionStatus()
  const online = usePresence(roomId).length
  // Each status but online has a string of its own name; before the first
  // connect() the client is about to connect.
  const trouble =
    status === 'online'
      ? ''
      : strings[status === 'idle' ? 'connecting' : status]

  return (
    <p className="ac-subtitle">
      <span role="status">{trouble}</span>
      {!trouble && online > 0 && format(strings.online, { count: online })}
    </p>
  )
}

import { useLayoutEffect, useMemo, useRef, type RefObject } from 'react'

// Within this many pixels of an edge counts as being at it.
const edge = 40

export interface ScrollKeeper {
  ref: RefObject<HTMLOListElement>
  /** Keeps what is on screen in place while a page is added on top. */
  holdPosition(): void
  /** Stops holding when the load brought nothing (same first message). */
  release(first: string | undefined): void
  atTop(): boolean
  atBottom(): boolean
}

/**
 * Scroll behaviour of a chat log: it follows new messages while the user
 * is at the bottom, stays where it is while they read older ones, and
 * keeps the visible messages still when an older page is prepended. A
 * message of the user's own brings them back to the bottom.
 * @param first Id of the first loaded message; a change means a prepend.
 * @param sent How many sends are pending; growth means the user sent one.
 * @param changes Values whose change may move content.
 */
export function useScrollKeeper(
  first: string | undefined,
  sent: number,
  changes: readonly unknown[],
): ScrollKeeper {
  const ref = useRef<HTMLOListElement>(null)
  const following = useRef(true)
  const pending = useRef(sent)
  if (sent > pending.current) following.current = true
  pending.current = sent
  const firstNow = useRef(first)
  firstNow.current = first
  const held = useRef<{ first: string | undefined; fromBottom: number }>()

  // One object for the life of the list, so effects can depend on it.
  const keeper = useMemo<ScrollKeeper>(() => {
    const atBottom = (): boolean => {
      const list = ref.current
      return (
        !!list && list.scrollHeight - list.scrollTop - list.clientHeight < edge
      )
    }
    return {
      ref,
      holdPosition() {
        const list = ref.current
        if (!list) return
        held.current = {
          first: firstNow.current,
          fromBottom: list.scrollHeight - list.scrollTop,
        }
      },
      release(now) {
        if (held.current?.first === now) held.current = undefined
      },
      atTop: () => (ref.current?.scrollTop ?? edge) < edge,
      atBottom,
    }
  }, [])

  useLayoutEffect(() => {
    const list = ref.current
    if (!list) return
    const hold = held.current
    if (hold && hold.first !== first) {
      list.scrollTop = list.scrollHeight - hold.fromBottom
      held.current = undefined
    } else if (following.current && !hold) {
      list.scrollTop = list.scrollHeight
    }
  }, [first, sent, ...changes])

  // The user's own scrolling decides whether the list follows.
  useLayoutEffect(() => {
    const list = ref.current
    if (!list) return
    const update = (): void => {
      following.current = keeper.atBottom()
    }
    list.addEventListener('scroll', update)
    return () => list.removeEventListener('scroll', update)
  }, [keeper])

  return keeper
}

import { useLayoutEffect, useMemo, useRef, type RefObject } from 'react'

// Within this many pixels of an edge counts as being at it.
const edge = 40

export interface ScrollKeeper {
  ref: RefObject<HTMLOListElement>
  /**
   * Call on every scroll: whether the user leaves the list at the bottom
   * decides whether it follows new messages.
   */
  scrolled(): void
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
  // The distance from the bottom after the last change or scroll, and the
  // first message then: a prepend moves what is shown by its own height.
  const fromBottom = useRef(0)
  const shownFirst = useRef(first)

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
      scrolled() {
        const list = ref.current
        if (!list) return
        following.current = atBottom()
        fromBottom.current = list.scrollHeight - list.scrollTop
      },
      atTop: () => (ref.current?.scrollTop ?? edge) < edge,
      atBottom,
    }
  }, [])

  useLayoutEffect(() => {
    const list = ref.current
    if (!list) return
    if (following.current) {
      list.scrollTop = list.scrollHeight
    } else if (first !== shownFirst.current) {
      list.scrollTop = list.scrollHeight - fromBottom.current
    }
    shownFirst.current = first
    fromBottom.current = list.scrollHeight - list.scrollTop
  }, [first, sent, ...changes])

  return keeper
}

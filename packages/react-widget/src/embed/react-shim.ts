/**
 * The part of React's API the components use, on Preact. The embed build
 * points `react` here instead of at preact/compat, which would bring a
 * whole compatibility layer this small set of hooks does not need.
 */
import { render, type ComponentChild } from 'preact'
import { useLayoutEffect, useRef, useState } from 'preact/hooks'

export { createContext, Fragment } from 'preact'
export {
  useCallback,
  useContext,
  useEffect,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'preact/hooks'

/** React's external-store hook: reads `getSnapshot` on every render and re-renders when it changes. */
export function useSyncExternalStore<T>(
  subscribe: (changed: () => void) => () => void,
  getSnapshot: () => T,
): T {
  const value = getSnapshot()
  const [, rerender] = useState(0)
  const latest = useRef({ value, getSnapshot })
  latest.current = { value, getSnapshot }

  useLayoutEffect(() => {
    const check = (): void => {
      const { value: shown, getSnapshot: read } = latest.current
      if (!Object.is(shown, read())) rerender((count) => count + 1)
    }
    check()
    return subscribe(check)
  }, [subscribe])

  return value
}

/** React 18's root API over Preact's `render`. */
export function createRoot(container: Element) {
  return {
    render: (node: ComponentChild) => render(node, container),
    unmount: () => render(null, container),
  }
}

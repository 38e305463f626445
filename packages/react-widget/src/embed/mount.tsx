import { ChatClient } from '@algochat/client'
import { useSyncExternalStore } from 'react'
import { createRoot } from 'react-dom/client'
import { ChatWidget } from '../components/ChatWidget.js'
import { ChatProvider } from '../context/ChatProvider.js'
import type { EmbedOptions } from './embed-options.js'
import { adoptStyles } from './shadow-styles.js'
import { tokenSource } from './token-source.js'

/** A mounted widget, as `Algochat.mount()` returns it. */
export interface EmbedHandle {
  /** The widget's client, for pages that want to do more with it. */
  readonly client: ChatClient
  open(): void
  close(): void
  toggle(): void
  /** Removes the widget and closes its connection. */
  unmount(): void
}

/**
 * Mounts the chat widget in a shadow root appended to the page, so the
 * page's CSS cannot reach it and its CSS cannot reach the page.
 */
export function mount(
  options: EmbedOptions,
  css: string,
  cssUrl: string,
): EmbedHandle {
  if (!options.app) throw new Error('Algochat: the app id is required')
  const server = (options.server ?? location.origin).replace(/\/+$/, '')
  const client = new ChatClient({
    url: server,
    app: options.app,
    token: tokenSource(options, server),
    ...(options.debug && { debug: true }),
  })

  const host = document.createElement('div')
  host.setAttribute('data-algochat', '')
  const shadow = host.attachShadow({ mode: 'open' })
  adoptStyles(shadow, css, options.theme ?? {}, cssUrl)
  const container = document.createElement('div')
  shadow.append(container)
  ;(options.target ?? document.body).append(host)

  let open = options.open ?? false
  const listeners = new Set<() => void>()
  const setOpen = (next: boolean): void => {
    open = next
    for (const listener of listeners) listener()
  }
  const subscribe = (listener: () => void): (() => void) => {
    listeners.add(listener)
    return () => listeners.delete(listener)
  }

  function Embedded() {
    const isOpen = useSyncExternalStore(subscribe, () => open)
    return (
      <ChatProvider
        client={client}
        {...(options.strings && { strings: options.strings })}
        {...(options.locale && { locale: options.locale })}
        {...(options.displayName && { displayName: options.displayName })}
      >
        <ChatWidget
          open={isOpen}
          onOpenChange={setOpen}
          dir={options.dir ?? (document.dir === 'rtl' ? 'rtl' : 'ltr')}
          {...(options.rooms && { rooms: options.rooms })}
          {...(options.position && { position: options.position })}
          {...(options.colorScheme && { colorScheme: options.colorScheme })}
          {...(options.quickReactions && {
            quickReactions: options.quickReactions,
          })}
        />
      </ChatProvider>
    )
  }

  const root = createRoot(container)
  root.render(<Embedded />)

  return {
    client,
    open: () => setOpen(true),
    close: () => setOpen(false),
    toggle: () => setOpen(!open),
    unmount() {
      root.unmount()
      host.remove()
      void client.close()
    },
  }
}

import type { TokenSource } from '@algochat/client'
import type { ChatStrings } from '../i18n/strings.js'

/** Custom properties the embed sets from its theme options. */
export interface EmbedTheme {
  /** Accent colour: launcher, header, own messages. */
  accent?: string
  /** Text on the accent colour. */
  accentText?: string
  /** Corner radius, e.g. `8px`. */
  radius?: string
  /** Font family list. */
  font?: string
  /** Base font size, e.g. `15px`. */
  fontSize?: string
  /** Panel width, e.g. `400px`. */
  width?: string
  /** Panel height, e.g. `600px`. */
  height?: string
  /** Distance from the corner of the window. */
  offset?: string
  /** Stacking order of the launcher and panel. */
  zIndex?: string
}

/** Options of `Algochat.mount(options)`; the script tag's data attributes map onto them. */
export interface EmbedOptions {
  /**
   * Address of the Algochat server (`data-server`).
   * @default the origin the script was loaded from
   */
  server?: string
  /** App id (`data-app`). */
  app: string
  /**
   * A URL on the site's own backend that returns `{ token }` for the
   * visitor; fetched with credentials (`data-token-url`).
   */
  tokenUrl?: string
  /** A token, or a function returning one, for pages that have it at hand. */
  token?: TokenSource
  /** Start a guest session where the app allows guests (`data-guest`). */
  guest?: boolean
  /** Name sent when starting a guest session (`data-guest-name`). */
  guestName?: string
  /** Rooms offered; the first opens first (`data-rooms`, comma separated). @default ['lobby'] */
  rooms?: string[]
  /** Element the widget is appended to. @default document.body */
  target?: Element
  /** Open the panel at once (`data-open`). @default false */
  open?: boolean
  /** `data-position`. @default 'bottom-right' */
  position?: 'bottom-right' | 'bottom-left'
  /** `data-color-scheme`. @default 'auto' */
  colorScheme?: 'auto' | 'light' | 'dark'
  /** `data-dir`. @default the page's `dir` */
  dir?: 'ltr' | 'rtl'
  /** `data-locale`, for dates and times. @default the browser's */
  locale?: string
  /** Replacement texts. */
  strings?: Partial<ChatStrings>
  /** Theme overrides (`data-accent`, `data-radius`, `data-font`, `data-width`, `data-height`). */
  theme?: EmbedTheme
  /** Names for user ids. */
  displayName?: (user: string) => string | undefined
  /** One-click reactions. @default ['👍'] */
  quickReactions?: string[]
  /** Log the client's errors and status to the console. @default false */
  debug?: boolean
}

/** Reads the options a `<script data-…>` tag carries. */
export function optionsFromScript(script: HTMLScriptElement): EmbedOptions {
  const data = script.dataset
  const theme: EmbedTheme = {}
  for (const key of ['accent', 'radius', 'font', 'width', 'height'] as const) {
    const value = data[key]
    if (value) theme[key] = value
  }
  return {
    app: data.app ?? '',
    server: data.server || new URL(script.src, location.href).origin,
    ...(data.tokenUrl && { tokenUrl: data.tokenUrl }),
    ...(data.guest !== undefined && { guest: data.guest !== 'false' }),
    ...(data.guestName && { guestName: data.guestName }),
    ...(data.rooms && { rooms: list(data.rooms) }),
    ...(data.open !== undefined && { open: data.open !== 'false' }),
    ...(data.position && {
      position: data.position as EmbedOptions['position'] & string,
    }),
    ...(data.colorScheme && {
      colorScheme: data.colorScheme as EmbedOptions['colorScheme'] & string,
    }),
    ...(data.dir && { dir: data.dir as EmbedOptions['dir'] & string }),
    ...(data.locale && { locale: data.locale }),
    ...(data.debug !== undefined && { debug: true }),
    theme,
  }
}

function list(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
}

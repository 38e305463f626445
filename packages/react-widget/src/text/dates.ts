import type { ChatStrings } from '../i18n/strings.js'

const formats = new Map<string, Intl.DateTimeFormat>()

function formatter(
  locale: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`
  let format = formats.get(key)
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options)
    formats.set(key, format)
  }
  return format
}

/** Hours and minutes in the locale's style. */
export function timeLabel(at: number, locale: string | undefined): string {
  return formatter(locale, { timeStyle: 'short' }).format(at)
}

/** "Today", "Yesterday", or the date. */
export function dayLabel(
  at: number,
  locale: string | undefined,
  strings: ChatStrings,
  now = Date.now(),
): string {
  const day = dayKey(at)
  if (day === dayKey(now)) return strings.today
  if (day === dayKey(now - 86_400_000)) return strings.yesterday
  return formatter(locale, { dateStyle: 'medium' }).format(at)
}

/** A local calendar day, comparable across messages. */
export function dayKey(at: number): string {
  return new Date(at).toDateString()
}

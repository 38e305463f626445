import type { ChatClient } from '@algochat/client'
import type { ChatStrings } from '../i18n/strings.js'

/**
 * A readable name from an id alone: guest ids are long random strings, so
 * they are cut to a short tag that still tells two guests apart.
 */
export function defaultDisplayName(
  user: string,
  client: ChatClient,
  strings: ChatStrings,
): string {
  if (user === client.user?.id) return strings.you
  if (user.startsWith('guest-')) return `${strings.guest} ${user.slice(6, 10)}`
  return user
}

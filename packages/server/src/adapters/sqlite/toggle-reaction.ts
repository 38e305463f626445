/** Emoji -> ids of the users who chose it, in the order they did. */
export type Reactions = Record<string, string[]>

/**
 * Adds or takes back one user's emoji. Returns null once no emoji is left,
 * so a message without reactions stores nothing. Adding twice or taking
 * back a reaction that is not there changes nothing.
 */
export function toggleReaction(
  reactions: Reactions | null,
  emoji: string,
  user: string,
  on: boolean,
): Reactions | null {
  // A Map, then Object.fromEntries: an emoji such as "__proto__" stays an
  // ordinary key instead of touching the prototype.
  const byEmoji = new Map(Object.entries(reactions ?? {}))
  const users = byEmoji.get(emoji) ?? []

  if (on && !users.includes(user)) {
    byEmoji.set(emoji, [...users, user])
  }

  if (!on) {
    const left = users.filter((id) => id !== user)

    if (left.length === 0) {
      byEmoji.delete(emoji)
    } else {
      byEmoji.set(emoji, left)
    }
  }

  return byEmoji.size === 0 ? null : Object.fromEntries(byEmoji)
}

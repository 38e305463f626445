/**
 * A message's reactions as stored: one entry per emoji, in the order each
 * emoji was first chosen, users in the order they chose it. A list rather
 * than an object keyed by emoji, because a field name must not contain
 * `.` or start with `$`, and nothing stops an emoji string from doing so.
 */
export type ReactionList = { emoji: string; users: string[] }[]

/**
 * Adds or takes back one user's emoji. An emoji nobody holds any more
 * leaves the list; adding twice or taking back a reaction that is not
 * there changes nothing. The input is not modified.
 */
export function toggleReaction(
  list: ReactionList,
  emoji: string,
  user: string,
  on: boolean,
): ReactionList {
  const index = list.findIndex((entry) => entry.emoji === emoji)
  const users = list[index]?.users ?? []

  if (on) {
    if (users.includes(user)) return list
    if (index === -1) return [...list, { emoji, users: [user] }]

    return list.with(index, { emoji, users: [...users, user] })
  }

  if (!users.includes(user)) return list

  const left = users.filter((id) => id !== user)

  return left.length === 0
    ? list.filter((_, at) => at !== index)
    : list.with(index, { emoji, users: left })
}

/** The protocol's emoji -> users map, keeping the list's order. */
export function reactionsRecord(list: ReactionList): Record<string, string[]> {
  // fromEntries defines own properties, so an emoji such as "__proto__"
  // stays an ordinary key instead of replacing the prototype.
  return Object.fromEntries(list.map((entry) => [entry.emoji, entry.users]))
}

/**
 * Every text the components show or announce. Placeholders in braces
 * (`{name}`, `{count}`) are filled in by the components. Pass a partial
 * object to `<ChatProvider strings>` (or the embed's `strings` option) to
 * translate or reword any of them.
 */
export interface ChatStrings {
  /** Heading of the widget panel. */
  title: string
  openChat: string
  closeChat: string
  /** Label of the room list. */
  rooms: string
  /** Label of the message list. */
  messages: string
  /** Label of the text box. */
  messageLabel: string
  placeholder: string
  send: string
  /** How the current user is named. */
  you: string
  /** Prefix of a guest's short name, as in "Guest 4f2a". */
  guest: string
  edited: string
  deleted: string
  sending: string
  failed: string
  retry: string
  discard: string
  reply: string
  replyingTo: string
  /** A reply whose parent message is not loaded. */
  replyToUnknown: string
  cancelReply: string
  delete: string
  /** Label of a quick reaction button. */
  react: string
  /** Label of a reaction chip: who reacted, and how to toggle it. */
  reactions: string
  loadOlder: string
  loading: string
  empty: string
  newMessages: string
  today: string
  yesterday: string
  typingOne: string
  typingMany: string
  online: string
  unread: string
  /** What the live region says when a message arrives. */
  announce: string
  connecting: string
  reconnecting: string
  offline: string
  closed: string
  /** The room could not be opened, e.g. it is private. */
  unavailable: string
}

export const defaultStrings: ChatStrings = {
  title: 'Chat',
  openChat: 'Open chat',
  closeChat: 'Close chat',
  rooms: 'Conversations',
  messages: 'Messages',
  messageLabel: 'Message',
  placeholder: 'Write a message…',
  send: 'Send',
  you: 'You',
  guest: 'Guest',
  edited: 'edited',
  deleted: 'Message deleted',
  sending: 'Sending…',
  failed: 'Not sent',
  retry: 'Retry',
  discard: 'Discard',
  reply: 'Reply',
  replyingTo: 'Replying to {name}',
  replyToUnknown: 'Reply to an earlier message',
  cancelReply: 'Cancel reply',
  delete: 'Delete',
  react: 'React with {emoji}',
  reactions: '{emoji} {count}, toggle your reaction',
  loadOlder: 'Load older messages',
  loading: 'Loading…',
  empty: 'No messages yet.',
  newMessages: 'New messages',
  today: 'Today',
  yesterday: 'Yesterday',
  typingOne: '{name} is typing…',
  typingMany: 'Several people are typing…',
  online: '{count} online',
  unread: '{count} unread',
  announce: '{name}: {text}',
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  offline: 'Offline. Messages will be sent when you are back.',
  closed: 'Disconnected.',
  unavailable: 'This conversation is not available.',
}

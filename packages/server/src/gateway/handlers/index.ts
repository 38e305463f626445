import type { HandlerTable } from '../handler.js'
import { edit, react, remove, send } from './commands.js'
import { ban, mute, unban, unmute } from './moderation.js'
import { create, direct, invite, join, leave, rooms } from './rooms.js'
import { auth, ping } from './session.js'
import { read, typing } from './signals.js'
import { history, replay, subscribe, unsubscribe } from './subscriptions.js'

/** Every client op and the function that serves it. */
export const handlers: HandlerTable = {
  auth,
  ping,
  subscribe,
  unsubscribe,
  history,
  replay,
  send,
  edit,
  delete: remove,
  react,
  typing,
  read,
  rooms,
  create,
  direct,
  join,
  leave,
  invite,
  ban,
  unban,
  mute,
  unmute,
}

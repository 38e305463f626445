import { idPattern, type ClientOp } from '@algochat/protocol'
import { Type, type TObject } from '@sinclair/typebox'
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler'

// Text length is checked by the handler against the configured limit, so
// the client gets `text_too_long` rather than a generic field error.
const Id = Type.String({ pattern: idPattern })
const Ref = Type.Optional(Type.String({ maxLength: 64 }))
const Seq = Type.Integer({ minimum: 0 })
const Text = Type.String()
const Emoji = Type.String({ minLength: 1, maxLength: 32 })
const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 }))

const strict = { additionalProperties: false }

const schemas = {
  auth: Type.Object(
    {
      op: Type.Literal('auth'),
      ref: Ref,
      token: Type.String({ maxLength: 8192 }),
    },
    strict,
  ),
  ping: Type.Object({ op: Type.Literal('ping'), ref: Ref }, strict),
  subscribe: Type.Object(
    {
      op: Type.Literal('subscribe'),
      ref: Ref,
      room: Id,
      since: Type.Optional(Seq),
    },
    strict,
  ),
  unsubscribe: Type.Object(
    { op: Type.Literal('unsubscribe'), ref: Ref, room: Id },
    strict,
  ),
  send: Type.Object(
    {
      op: Type.Literal('send'),
      ref: Ref,
      room: Id,
      clientId: Id,
      text: Text,
      parent: Type.Optional(Id),
      mentions: Type.Optional(Type.Array(Id, { maxItems: 50 })),
    },
    strict,
  ),
  edit: Type.Object(
    {
      op: Type.Literal('edit'),
      ref: Ref,
      room: Id,
      clientId: Id,
      target: Id,
      text: Text,
    },
    strict,
  ),
  delete: Type.Object(
    {
      op: Type.Literal('delete'),
      ref: Ref,
      room: Id,
      clientId: Id,
      target: Id,
    },
    strict,
  ),
  react: Type.Object(
    {
      op: Type.Literal('react'),
      ref: Ref,
      room: Id,
      clientId: Id,
      target: Id,
      emoji: Emoji,
      on: Type.Boolean(),
    },
    strict,
  ),
  typing: Type.Object(
    { op: Type.Literal('typing'), ref: Ref, room: Id },
    strict,
  ),
  read: Type.Object(
    { op: Type.Literal('read'), ref: Ref, room: Id, seq: Seq },
    strict,
  ),
  history: Type.Object(
    {
      op: Type.Literal('history'),
      ref: Ref,
      room: Id,
      before: Type.Optional(Seq),
      limit: Limit,
    },
    strict,
  ),
  replay: Type.Object(
    {
      op: Type.Literal('replay'),
      ref: Ref,
      room: Id,
      after: Seq,
      limit: Limit,
    },
    strict,
  ),
  rooms: Type.Object({ op: Type.Literal('rooms'), ref: Ref }, strict),
  create: Type.Object(
    {
      op: Type.Literal('create'),
      ref: Ref,
      room: Id,
      kind: Type.Union([Type.Literal('public'), Type.Literal('private')]),
      name: Type.Optional(Type.String({ maxLength: 200 })),
    },
    strict,
  ),
  direct: Type.Object(
    { op: Type.Literal('direct'), ref: Ref, user: Id },
    strict,
  ),
  join: Type.Object({ op: Type.Literal('join'), ref: Ref, room: Id }, strict),
  leave: Type.Object({ op: Type.Literal('leave'), ref: Ref, room: Id }, strict),
  invite: Type.Object(
    { op: Type.Literal('invite'), ref: Ref, room: Id, user: Id },
    strict,
  ),
  ban: moderation('ban'),
  unban: moderation('unban'),
  mute: moderation('mute'),
  unmute: moderation('unmute'),
} satisfies Record<ClientOp, TObject>

function moderation<Op extends 'ban' | 'unban' | 'mute' | 'unmute'>(op: Op) {
  return Type.Object(
    {
      op: Type.Literal(op),
      ref: Ref,
      room: Id,
      user: Id,
      seconds: Type.Optional(Type.Integer({ minimum: 1 })),
    },
    strict,
  )
}

/** One compiled checker per op, built once at start. */
export const frameCheckers = Object.fromEntries(
  Object.entries(schemas).map(([op, schema]) => [
    op,
    TypeCompiler.Compile(schema),
  ]),
) as unknown as Record<ClientOp, TypeCheck<TObject>>

export function isClientOp(op: string): op is ClientOp {
  return Object.hasOwn(frameCheckers, op)
}

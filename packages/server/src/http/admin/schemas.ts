import { idPattern } from '@algochat/protocol'
import { Type, type Static } from '@sinclair/typebox'

export const Id = Type.String({ pattern: idPattern })
export const Role = Type.Union([
  Type.Literal('owner'),
  Type.Literal('moderator'),
  Type.Literal('member'),
])
export const RoomKind = Type.Union([
  Type.Literal('public'),
  Type.Literal('private'),
  Type.Literal('direct'),
])

export type AppParams = Static<typeof AppParams>
export const AppParams = Type.Object({ app: Id })
export type UserParams = Static<typeof UserParams>
export const UserParams = Type.Object({ app: Id, user: Id })
export type RoomParams = Static<typeof RoomParams>
export const RoomParams = Type.Object({ app: Id, room: Id })
export type MemberParams = Static<typeof MemberParams>
export const MemberParams = Type.Object({ app: Id, room: Id, user: Id })
export type MessageParams = Static<typeof MessageParams>
export const MessageParams = Type.Object({ app: Id, room: Id, id: Id })

export const PublicKey = Type.Object(
  {
    kid: Type.String({ minLength: 1, maxLength: 64 }),
    alg: Type.Union([Type.Literal('ES256'), Type.Literal('EdDSA')]),
    pem: Type.String({ maxLength: 4096 }),
  },
  { additionalProperties: false },
)

export const AppSettings = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    allowedOrigins: Type.Optional(
      Type.Array(Type.String({ maxLength: 512 }), { maxItems: 100 }),
    ),
    allowGuests: Type.Optional(Type.Boolean()),
    publicKeys: Type.Optional(Type.Array(PublicKey, { maxItems: 20 })),
  },
  { additionalProperties: false },
)
export type AppSettings = Static<typeof AppSettings>

export const NewApp = Type.Composite(
  [Type.Object({ id: Type.Optional(Id) }), AppSettings],
  { additionalProperties: false },
)
export type NewApp = Static<typeof NewApp>

export const UserBody = Type.Object(
  {
    name: Type.Optional(
      Type.Union([Type.String({ maxLength: 200 }), Type.Null()]),
    ),
    meta: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
)
export type UserBody = Static<typeof UserBody>

export const TokenBody = Type.Object(
  {
    user: Id,
    name: Type.Optional(Type.String({ maxLength: 200 })),
    ttlSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_592_000 })),
  },
  { additionalProperties: false },
)
export type TokenBody = Static<typeof TokenBody>

export const GuestBody = Type.Object(
  { name: Type.Optional(Type.String({ minLength: 1, maxLength: 60 })) },
  { additionalProperties: false },
)
export type GuestBody = Static<typeof GuestBody>

export const RoomBody = Type.Object(
  {
    id: Id,
    kind: Type.Union([Type.Literal('public'), Type.Literal('private')]),
    name: Type.Optional(Type.String({ maxLength: 200 })),
    owner: Type.Optional(Id),
  },
  { additionalProperties: false },
)
export type RoomBody = Static<typeof RoomBody>

export const MemberBody = Type.Object(
  { role: Type.Optional(Role) },
  { additionalProperties: false },
)
export type MemberBody = Static<typeof MemberBody>

export const DurationBody = Type.Object(
  { seconds: Type.Optional(Type.Integer({ minimum: 1 })) },
  { additionalProperties: false },
)
export type DurationBody = Static<typeof DurationBody>

export const HistoryQuery = Type.Object({
  before: Type.Optional(Type.Integer({ minimum: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
})
export type HistoryQuery = Static<typeof HistoryQuery>

export const EventsQuery = Type.Object({
  after: Type.Optional(Type.Integer({ minimum: 0 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
})
export type EventsQuery = Static<typeof EventsQuery>

export const ErrorBody = Type.Object({
  code: Type.String(),
  message: Type.String(),
  retryable: Type.Boolean(),
})

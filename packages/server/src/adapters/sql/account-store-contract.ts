import { randomUUID } from 'node:crypto'

import { AlgochatError } from '@algochat/protocol'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'

import type { AccountStore, App } from '../../ports/index.js'

/**
 * The behaviour every account store must show, whatever the engine. Each
 * test works in its own app, so suites can share one database and run
 * again on it without cleaning up.
 */
export function describeAccountStoreContract(
  name: string,
  factory: () => Promise<AccountStore>,
): void {
  describe(`${name} account store`, () => {
    let store: AccountStore

    beforeAll(async () => {
      store = await factory()
      await store.migrate()
    })

    afterAll(async () => {
      await store?.close()
    })

    function uniqueId(prefix: string): string {
      return `${prefix}-${randomUUID().slice(0, 8)}`
    }

    async function newApp(overrides: Partial<App> = {}): Promise<App> {
      return store.createApp({
        id: uniqueId('app'),
        name: 'Test app',
        secret: 's3cret',
        allowedOrigins: [],
        allowGuests: false,
        publicKeys: [],
        ...overrides,
      })
    }

    async function newRoomWithMember(
      role: 'owner' | 'moderator' | 'member' = 'member',
    ): Promise<{ app: string; room: string; user: string }> {
      const app = (await newApp()).id
      await store.createRoom({
        app,
        id: 'lobby',
        kind: 'public',
        name: 'Lobby',
        createdBy: null,
      })
      await store.putMember(app, 'lobby', 'ada', role)
      return { app, room: 'lobby', user: 'ada' }
    }

    describe('migrations', () => {
      test('migrate runs again without error and keeps existing data', async () => {
        const app = await newApp()

        await store.migrate()

        expect(await store.getApp(app.id)).toEqual(app)
      })
    })

    describe('apps', () => {
      test('createApp stores every field and getApp reads them back', async () => {
        const before = Date.now()
        const app = await newApp({
          allowedOrigins: ['https://a.example', 'https://b.example'],
          allowGuests: true,
          publicKeys: [{ kid: 'k1', alg: 'EdDSA', pem: 'PEM' }],
        })

        expect(app.createdAt).toBeGreaterThanOrEqual(before)
        expect(await store.getApp(app.id)).toEqual({
          id: app.id,
          name: 'Test app',
          secret: 's3cret',
          allowedOrigins: ['https://a.example', 'https://b.example'],
          allowGuests: true,
          publicKeys: [{ kid: 'k1', alg: 'EdDSA', pem: 'PEM' }],
          createdAt: app.createdAt,
        })
      })

      test('allowGuests false reads back as the boolean false', async () => {
        const app = await newApp({ allowGuests: false })

        expect((await store.getApp(app.id))?.allowGuests).toBe(false)
      })

      test('getApp returns null for an unknown app', async () => {
        expect(await store.getApp(uniqueId('missing'))).toBeNull()
      })

      test('listApps includes every created app', async () => {
        const first = await newApp()
        const second = await newApp()

        const ids = (await store.listApps()).map((app) => app.id)

        expect(ids).toEqual(expect.arrayContaining([first.id, second.id]))
      })

      test('updateApp changes the patched fields and keeps the others', async () => {
        const app = await newApp({ allowedOrigins: ['https://a.example'] })

        const updated = await store.updateApp(app.id, {
          name: 'Renamed',
          allowGuests: true,
        })

        expect(updated).toEqual({ ...app, name: 'Renamed', allowGuests: true })
        expect(await store.getApp(app.id)).toEqual(updated)
      })

      test('updateApp replaces origins and public keys', async () => {
        const app = await newApp({ allowedOrigins: ['https://a.example'] })

        await store.updateApp(app.id, {
          allowedOrigins: ['https://b.example'],
          publicKeys: [{ kid: 'k2', alg: 'ES256', pem: 'PEM2' }],
        })

        const stored = await store.getApp(app.id)
        expect(stored?.allowedOrigins).toEqual(['https://b.example'])
        expect(stored?.publicKeys).toEqual([
          { kid: 'k2', alg: 'ES256', pem: 'PEM2' },
        ])
      })

      test('updateApp with an empty patch returns the app unchanged', async () => {
        const app = await newApp()

        expect(await store.updateApp(app.id, {})).toEqual(app)
      })

      test('updateApp returns null for an unknown app', async () => {
        expect(
          await store.updateApp(uniqueId('missing'), { name: 'x' }),
        ).toBeNull()
      })
    })

    describe('users', () => {
      test('upsertUser creates a user with a null name and empty meta by default', async () => {
        const app = (await newApp()).id

        const user = await store.upsertUser(app, { id: 'ada' })

        expect(user).toEqual({
          app,
          id: 'ada',
          name: null,
          meta: {},
          createdAt: expect.any(Number),
        })
        expect(await store.getUser(app, 'ada')).toEqual(user)
      })

      test('upsertUser updates given fields and keeps omitted ones and createdAt', async () => {
        const app = (await newApp()).id
        const created = await store.upsertUser(app, {
          id: 'ada',
          name: 'Ada',
          meta: { avatar: 'a.png' },
        })

        const renamed = await store.upsertUser(app, {
          id: 'ada',
          name: 'Ada L.',
        })
        const remeta = await store.upsertUser(app, {
          id: 'ada',
          meta: { avatar: 'b.png', langs: ['en'] },
        })

        expect(renamed.meta).toEqual({ avatar: 'a.png' })
        expect(remeta).toEqual({
          app,
          id: 'ada',
          name: 'Ada L.',
          meta: { avatar: 'b.png', langs: ['en'] },
          createdAt: created.createdAt,
        })
      })

      test('upsertUser with only the id leaves a stored user unchanged', async () => {
        const app = (await newApp()).id
        const created = await store.upsertUser(app, { id: 'ada', name: 'Ada' })

        expect(await store.upsertUser(app, { id: 'ada' })).toEqual(created)
      })

      test('upsertUser clears a name given as null', async () => {
        const app = (await newApp()).id
        await store.upsertUser(app, { id: 'ada', name: 'Ada' })

        const user = await store.upsertUser(app, { id: 'ada', name: null })

        expect(user.name).toBeNull()
      })

      test('concurrent upserts of a new user all succeed with one row', async () => {
        const app = (await newApp()).id

        const users = await Promise.all(
          [1, 2, 3, 4, 5].map((n) =>
            store.upsertUser(app, { id: 'ada', meta: { n } }),
          ),
        )

        expect(new Set(users.map((user) => user.createdAt)).size).toBe(1)
        expect(await store.getUser(app, 'ada')).not.toBeNull()
      })

      test('the same user id in two apps names two separate users', async () => {
        const first = (await newApp()).id
        const second = (await newApp()).id

        await store.upsertUser(first, { id: 'ada', name: 'First' })
        await store.upsertUser(second, { id: 'ada', name: 'Second' })

        expect((await store.getUser(first, 'ada'))?.name).toBe('First')
        expect((await store.getUser(second, 'ada'))?.name).toBe('Second')
      })

      test('getUser returns null for an unknown user', async () => {
        const app = (await newApp()).id

        expect(await store.getUser(app, 'nobody')).toBeNull()
      })

      test('deleteUser removes the user and their memberships only', async () => {
        const { app, room } = await newRoomWithMember()
        await store.upsertUser(app, { id: 'ada' })
        await store.upsertUser(app, { id: 'bob' })
        await store.putMember(app, room, 'bob', 'member')

        expect(await store.deleteUser(app, 'ada')).toBe(true)

        expect(await store.getUser(app, 'ada')).toBeNull()
        expect(await store.getMember(app, room, 'ada')).toBeNull()
        expect(await store.listMemberships(app, 'ada')).toEqual([])
        expect(await store.getMember(app, room, 'bob')).not.toBeNull()
      })

      test('deleteUser returns false when the user does not exist', async () => {
        const app = (await newApp()).id

        expect(await store.deleteUser(app, 'nobody')).toBe(false)
      })
    })

    describe('rooms', () => {
      test('createRoom stores the room and getRoom reads it back', async () => {
        const app = (await newApp()).id

        const room = await store.createRoom({
          app,
          id: 'general',
          kind: 'private',
          name: 'General',
          createdBy: 'ada',
        })

        expect(room).toEqual({
          app,
          id: 'general',
          kind: 'private',
          name: 'General',
          createdBy: 'ada',
          createdAt: expect.any(Number),
        })
        expect(await store.getRoom(app, 'general')).toEqual(room)
      })

      test('createRoom throws room_exists for a taken id and keeps the first room', async () => {
        const app = (await newApp()).id
        const first = await store.createRoom({
          app,
          id: 'general',
          kind: 'public',
          name: 'First',
          createdBy: null,
        })

        const second = store.createRoom({
          app,
          id: 'general',
          kind: 'private',
          name: 'Second',
          createdBy: null,
        })

        await expect(second).rejects.toBeInstanceOf(AlgochatError)
        await expect(second).rejects.toMatchObject({ code: 'room_exists' })
        expect(await store.getRoom(app, 'general')).toEqual(first)
      })

      test('the same room id may exist in two apps', async () => {
        const first = (await newApp()).id
        const second = (await newApp()).id
        const room = { id: 'general', kind: 'public', name: null } as const

        await store.createRoom({ ...room, app: first, createdBy: null })
        await store.createRoom({ ...room, app: second, createdBy: null })

        expect(await store.getRoom(second, 'general')).not.toBeNull()
      })

      test('getRoom returns null for an unknown room', async () => {
        const app = (await newApp()).id

        expect(await store.getRoom(app, 'nowhere')).toBeNull()
      })

      test('listRooms returns only the app rooms and filters by kind', async () => {
        const app = (await newApp()).id
        const other = (await newApp()).id
        const base = { name: null, createdBy: null }
        await store.createRoom({ ...base, app, id: 'a', kind: 'public' })
        await store.createRoom({ ...base, app, id: 'b', kind: 'direct' })
        await store.createRoom({ ...base, app, id: 'c', kind: 'public' })
        await store.createRoom({ ...base, app: other, id: 'd', kind: 'public' })

        const all = await store.listRooms(app)
        const direct = await store.listRooms(app, { kind: 'direct' })

        expect(all.map((room) => room.id).sort()).toEqual(['a', 'b', 'c'])
        expect(direct.map((room) => room.id)).toEqual(['b'])
      })

      test('deleteRoom removes the room and its members', async () => {
        const { app, room, user } = await newRoomWithMember()

        expect(await store.deleteRoom(app, room)).toBe(true)

        expect(await store.getRoom(app, room)).toBeNull()
        expect(await store.getMember(app, room, user)).toBeNull()
        expect(await store.listMembers(app, room)).toEqual([])
      })

      test('deleteRoom returns false when the room does not exist', async () => {
        const app = (await newApp()).id

        expect(await store.deleteRoom(app, 'nowhere')).toBe(false)
      })
    })

    describe('members', () => {
      test('putMember adds a member with read seq 0 and no ban or mute', async () => {
        const app = (await newApp()).id
        const before = Date.now()

        const member = await store.putMember(app, 'lobby', 'ada', 'moderator')

        expect(member).toEqual({
          app,
          room: 'lobby',
          user: 'ada',
          role: 'moderator',
          readSeq: 0,
          bannedUntil: null,
          mutedUntil: null,
          joinedAt: expect.any(Number),
        })
        expect(member.joinedAt).toBeGreaterThanOrEqual(before)
        expect(await store.getMember(app, 'lobby', 'ada')).toEqual(member)
      })

      test('putMember on an existing member changes only the role', async () => {
        const { app, room, user } = await newRoomWithMember('member')
        await store.setReadSeq(app, room, user, 7)
        await store.setMute(app, room, user, 123)
        const before = await store.getMember(app, room, user)

        const after = await store.putMember(app, room, user, 'owner')

        expect(after).toEqual({ ...before, role: 'owner' })
      })

      test('getMember returns null for a user who is not a member', async () => {
        const { app, room } = await newRoomWithMember()

        expect(await store.getMember(app, room, 'stranger')).toBeNull()
      })

      test('removeMember returns true once and false afterwards', async () => {
        const { app, room, user } = await newRoomWithMember()

        expect(await store.removeMember(app, room, user)).toBe(true)
        expect(await store.removeMember(app, room, user)).toBe(false)
        expect(await store.getMember(app, room, user)).toBeNull()
      })

      test('listMembers returns every member of the room and no others', async () => {
        const { app, room } = await newRoomWithMember()
        await store.putMember(app, room, 'bob', 'member')
        await store.putMember(app, 'elsewhere', 'cy', 'member')

        const members = await store.listMembers(app, room)

        expect(members.map((member) => member.user).sort()).toEqual([
          'ada',
          'bob',
        ])
      })

      test('listMemberships joins room kind and name for that user only', async () => {
        const app = (await newApp()).id
        const other = (await newApp()).id
        await store.createRoom({
          app,
          id: 'lobby',
          kind: 'public',
          name: 'Lobby',
          createdBy: null,
        })
        await store.createRoom({
          app,
          id: 'dm',
          kind: 'direct',
          name: null,
          createdBy: 'ada',
        })
        await store.putMember(app, 'lobby', 'ada', 'member')
        await store.putMember(app, 'dm', 'ada', 'owner')
        await store.putMember(app, 'dm', 'bob', 'member')
        await store.putMember(other, 'lobby', 'ada', 'member')
        await store.setReadSeq(app, 'dm', 'ada', 4)

        const memberships = await store.listMemberships(app, 'ada')
        const byRoom = new Map(memberships.map((m) => [m.room, m]))

        expect(memberships).toHaveLength(2)
        expect(byRoom.get('lobby')).toMatchObject({
          app,
          user: 'ada',
          role: 'member',
          kind: 'public',
          name: 'Lobby',
        })
        expect(byRoom.get('dm')).toMatchObject({
          app,
          user: 'ada',
          role: 'owner',
          kind: 'direct',
          name: null,
          readSeq: 4,
        })
      })
    })

    describe('read state', () => {
      test('setReadSeq raises the read seq', async () => {
        const { app, room, user } = await newRoomWithMember()

        await store.setReadSeq(app, room, user, 5)
        await store.setReadSeq(app, room, user, 9)

        expect((await store.getMember(app, room, user))?.readSeq).toBe(9)
      })

      test('setReadSeq never lowers the read seq', async () => {
        const { app, room, user } = await newRoomWithMember()
        await store.setReadSeq(app, room, user, 9)

        await store.setReadSeq(app, room, user, 3)
        await store.setReadSeq(app, room, user, 9)

        expect((await store.getMember(app, room, user))?.readSeq).toBe(9)
      })

      test('concurrent read receipts leave the highest seq', async () => {
        const { app, room, user } = await newRoomWithMember()

        await Promise.all(
          [5, 12, 3, 11, 8].map((seq) =>
            store.setReadSeq(app, room, user, seq),
          ),
        )

        expect((await store.getMember(app, room, user))?.readSeq).toBe(12)
      })

      test('setReadSeq for a non-member creates nothing', async () => {
        const { app, room } = await newRoomWithMember()

        await store.setReadSeq(app, room, 'stranger', 4)

        expect(await store.getMember(app, room, 'stranger')).toBeNull()
      })

      test('seqs and times come back as numbers', async () => {
        const { app, room, user } = await newRoomWithMember()
        const until = Date.now() + 86_400_000
        await store.setReadSeq(app, room, user, 2 ** 40)
        await store.setBan(app, room, user, until)

        const member = await store.getMember(app, room, user)

        expect(member?.readSeq).toBe(2 ** 40)
        expect(member?.bannedUntil).toBe(until)
        expect(typeof member?.joinedAt).toBe('number')
      })
    })

    describe('moderation', () => {
      test('setBan sets banned until and null clears it', async () => {
        const { app, room, user } = await newRoomWithMember()
        const until = Date.now() + 60_000

        await store.setBan(app, room, user, until)
        const banned = await store.getMember(app, room, user)
        await store.setBan(app, room, user, null)
        const cleared = await store.getMember(app, room, user)

        expect(banned?.bannedUntil).toBe(until)
        expect(banned?.mutedUntil).toBeNull()
        expect(cleared?.bannedUntil).toBeNull()
      })

      test('setMute sets muted until and null clears it', async () => {
        const { app, room, user } = await newRoomWithMember()
        const until = Date.now() + 60_000

        await store.setMute(app, room, user, until)
        const muted = await store.getMember(app, room, user)
        await store.setMute(app, room, user, null)
        const cleared = await store.getMember(app, room, user)

        expect(muted?.mutedUntil).toBe(until)
        expect(muted?.bannedUntil).toBeNull()
        expect(cleared?.mutedUntil).toBeNull()
      })

      test('a ban applies to one member of one room only', async () => {
        const { app, room, user } = await newRoomWithMember()
        await store.putMember(app, room, 'bob', 'member')
        await store.putMember(app, 'elsewhere', user, 'member')

        await store.setBan(app, room, user, Date.now() + 60_000)

        expect(
          (await store.getMember(app, room, 'bob'))?.bannedUntil,
        ).toBeNull()
        expect(
          (await store.getMember(app, 'elsewhere', user))?.bannedUntil,
        ).toBeNull()
      })
    })

    describe('health', () => {
      test('ping answers true while the store is open', async () => {
        expect(await store.ping()).toBe(true)
      })
    })
  })
}

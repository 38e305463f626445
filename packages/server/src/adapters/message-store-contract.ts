import { randomUUID } from 'node:crypto'

import type { RoomEvent } from '@algochat/protocol'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'

import type { AppEvent, MessageStore } from '../ports/index.js'

/**
 * The behaviour every message store must show, whatever the engine.
 * `factory` opens a store on the same database each time it is called;
 * the suite migrates the first one and shares it. Each test works in
 * apps of its own, so suites can share a database and run again on it
 * without cleaning up.
 */
export function describeMessageStoreContract(
  name: string,
  factory: () => Promise<MessageStore>,
): void {
  describe(`${name} message store`, () => {
    let store: MessageStore
    let app: string
    let otherApp: string
    const room = 'lobby'

    beforeAll(async () => {
      store = await factory()
      await store.migrate()
    })

    afterAll(async () => {
      await store?.close()
    })

    beforeEach(() => {
      app = uniqueId('app')
      otherApp = uniqueId('app')
    })

    function base(seq: number, user: string, r = room) {
      return {
        app,
        room: r,
        seq,
        id: `${r}-e${seq}`,
        user,
        clientId: `${user}-c${seq}`,
        at: 1_000 + seq,
      }
    }

    function message(seq: number, user = 'ada', text = `hello ${seq}`) {
      return { ...base(seq, user), kind: 'message', text } as const
    }

    function edit(seq: number, target: number, text: string, user = 'ada') {
      return {
        ...base(seq, user),
        kind: 'edit',
        target: `${room}-e${target}`,
        text,
      } as const
    }

    function remove(seq: number, target: number, user = 'ada') {
      return {
        ...base(seq, user),
        kind: 'delete',
        target: `${room}-e${target}`,
      } as const
    }

    function react(
      seq: number,
      target: number,
      user: string,
      emoji: string,
      on: boolean,
    ) {
      return {
        ...base(seq, user),
        kind: 'reaction',
        target: `${room}-e${target}`,
        emoji,
        on,
      } as const
    }

    function withoutApp({ app: _app, ...event }: AppEvent): RoomEvent {
      return event
    }

    async function allEvents(): Promise<RoomEvent[]> {
      return (await store.replay(app, room, 0, 1_000)).items
    }

    describe('storing events', () => {
      test('migrate runs again without error and keeps stored events', async () => {
        await store.writeBatch([message(1)])

        await store.migrate()

        expect(await store.getMessage(app, room, 'lobby-e1')).not.toBeNull()
      })

      test('a plain message reads back with exactly the protocol fields', async () => {
        await store.writeBatch([message(1)])

        const stored = await store.getMessage(app, room, 'lobby-e1')

        expect(stored).toStrictEqual({
          id: 'lobby-e1',
          room,
          seq: 1,
          user: 'ada',
          clientId: 'ada-c1',
          at: 1_001,
          kind: 'message',
          text: 'hello 1',
        })
      })

      test('parent and mentions round-trip; empty mentions come back absent', async () => {
        await store.writeBatch([
          { ...message(1), parent: 'lobby-e0', mentions: ['bob', 'cy'] },
          { ...message(2), mentions: [] },
        ])

        const first = await store.getMessage(app, room, 'lobby-e1')
        const second = await store.getMessage(app, room, 'lobby-e2')

        expect(first?.parent).toBe('lobby-e0')
        expect(first?.mentions).toEqual(['bob', 'cy'])
        expect(second).not.toHaveProperty('mentions')
        expect(second).not.toHaveProperty('parent')
      })

      test('getMessage returns null for an unknown id or a non-message event', async () => {
        await store.writeBatch([message(1), edit(2, 1, 'changed')])

        expect(await store.getMessage(app, room, 'nope')).toBeNull()
        expect(await store.getMessage(app, room, 'lobby-e2')).toBeNull()
      })

      test('a repeated seq is ignored and keeps the first event', async () => {
        await store.writeBatch([message(1, 'ada', 'first')])

        await store.writeBatch([
          { ...message(1, 'bob', 'second'), clientId: 'other' },
        ])

        expect(await allEvents()).toEqual([
          expect.objectContaining({ seq: 1, user: 'ada', text: 'first' }),
        ])
      })

      test('a repeated (user, clientId) under a new seq is ignored', async () => {
        await store.writeBatch([message(1)])

        await store.writeBatch([{ ...message(2), clientId: 'ada-c1' }])

        const { items } = await store.history(app, room, undefined, 10)
        expect(items.map((m) => m.seq)).toEqual([1])
      })

      test('the same clientId from two users is two messages', async () => {
        await store.writeBatch([
          { ...message(1, 'ada'), clientId: 'same' },
          { ...message(2, 'bob'), clientId: 'same' },
        ])

        const { items } = await store.history(app, room, undefined, 10)
        expect(items.map((m) => m.user)).toEqual(['ada', 'bob'])
      })

      test('a replayed batch does not apply its side effects again', async () => {
        const first = [message(1), react(2, 1, 'bob', '👍', true)]
        await store.writeBatch(first)
        await store.writeBatch([react(3, 1, 'bob', '👍', false)])

        await store.writeBatch(first)

        const stored = await store.getMessage(app, room, 'lobby-e1')
        expect(stored).not.toHaveProperty('reactions')
      })

      test('a retried reaction under a new seq is ignored with its side effect', async () => {
        await store.writeBatch([
          message(1),
          react(2, 1, 'bob', '👍', true),
          react(3, 1, 'bob', '👍', false),
        ])

        await store.writeBatch([
          { ...react(4, 1, 'bob', '👍', true), clientId: 'bob-c2' },
        ])

        expect(
          await store.getMessage(app, room, 'lobby-e1'),
        ).not.toHaveProperty('reactions')
        expect((await allEvents()).map((event) => event.seq)).toEqual([1, 2, 3])
      })

      test('events of two apps with the same room and seq are both stored', async () => {
        await store.writeBatch([message(1), { ...message(1), app: otherApp }])

        expect(
          await store.getMessage(otherApp, room, 'lobby-e1'),
        ).not.toBeNull()
        expect(await store.getMessage(app, room, 'lobby-e1')).not.toBeNull()
      })

      test('a batch of 500 events is stored whole', async () => {
        const events = Array.from({ length: 500 }, (_, i) => message(i + 1))

        await store.writeBatch(events)

        const { items, more } = await store.replay(app, room, 0, 500)
        expect(items).toHaveLength(500)
        expect(more).toBe(false)
      })

      test('an empty batch is accepted', async () => {
        await store.writeBatch([])

        expect(await allEvents()).toEqual([])
      })

      test('stored events survive closing and reopening the store', async () => {
        const first = await factory()
        await first.migrate()
        await first.writeBatch([message(1)])
        await first.close()

        const second = await factory()

        try {
          expect(await second.getMessage(app, room, 'lobby-e1')).not.toBeNull()
        } finally {
          await second.close()
        }
      })
    })

    describe('storing new events', () => {
      test('insertNew stores new events and applies their effects', async () => {
        const stored = await store.insertNew([
          message(1, 'ada', 'draft'),
          edit(2, 1, 'final'),
          react(3, 1, 'bob', '👍', true),
        ])

        expect(stored).toBe(true)
        const { items } = await store.history(app, room, undefined, 10)
        expect(items).toEqual([
          expect.objectContaining({
            seq: 1,
            text: 'final',
            reactions: { '👍': ['bob'] },
          }),
        ])
        expect((await allEvents()).map((event) => event.seq)).toEqual([1, 2, 3])
      })

      test('insertNew stops at a repeated (user, clientId), storing nothing after it', async () => {
        await store.writeBatch([message(1)])

        const stored = await store.insertNew([
          message(2),
          { ...message(3), clientId: 'ada-c1' },
          message(4),
        ])

        expect(stored).toBe(false)
        // Before the collision the store may or may not have kept the
        // event; after it, nothing, so no seq is ever skipped.
        const seqs = (await allEvents()).map((event) => event.seq)
        expect([[1], [1, 2]]).toContainEqual(seqs)
      })

      test('insertNew stops at a collision even in a batch of hundreds', async () => {
        await store.writeBatch([message(1)])
        const events = Array.from({ length: 250 }, (_, i) => message(i + 2))

        const stored = await store.insertNew([
          { ...message(2), clientId: 'ada-c1' },
          ...events.slice(1),
        ])

        expect(stored).toBe(false)
        expect((await allEvents()).map((event) => event.seq)).toEqual([1])
      })

      test('insertNew stops at a seq already taken', async () => {
        await store.writeBatch([message(1, 'ada')])

        const stored = await store.insertNew([message(1, 'bob'), message(2)])

        expect(stored).toBe(false)
        expect(await allEvents()).toEqual([
          expect.objectContaining({ seq: 1, user: 'ada' }),
        ])
      })

      test('insertNew of nothing stores nothing', async () => {
        expect(await store.insertNew([])).toBe(true)
        expect(await allEvents()).toEqual([])
      })
    })

    describe('edits', () => {
      test('an edit replaces the text and sets editedAt to the edit time', async () => {
        await store.writeBatch([message(1, 'ada', 'draft')])

        await store.writeBatch([edit(2, 1, 'final')])

        expect(await store.getMessage(app, room, 'lobby-e1')).toMatchObject({
          text: 'final',
          editedAt: 1_002,
        })
      })

      test('an edit in the same batch as its message is applied', async () => {
        await store.writeBatch([
          message(1, 'ada', 'draft'),
          edit(2, 1, 'final'),
        ])

        expect((await store.getMessage(app, room, 'lobby-e1'))?.text).toBe(
          'final',
        )
      })

      test('a batch out of seq order is applied in seq order', async () => {
        await store.writeBatch([
          edit(2, 1, 'final'),
          message(1, 'ada', 'draft'),
        ])

        expect((await store.getMessage(app, room, 'lobby-e1'))?.text).toBe(
          'final',
        )
      })

      test('the latest of several edits wins', async () => {
        await store.writeBatch([
          message(1, 'ada', 'one'),
          edit(2, 1, 'two'),
          edit(3, 1, 'three'),
        ])

        expect(await store.getMessage(app, room, 'lobby-e1')).toMatchObject({
          text: 'three',
          editedAt: 1_003,
        })
      })

      test('an edit of a message in another room changes nothing', async () => {
        await store.writeBatch([
          { ...message(1), room: 'other', id: 'lobby-e1' },
          edit(2, 1, 'changed'),
        ])

        const other = await store.getMessage(app, 'other', 'lobby-e1')
        expect(other?.text).toBe('hello 1')
        expect(other).not.toHaveProperty('editedAt')
      })
    })

    describe('deletes', () => {
      test('a delete blanks the text and marks the message deleted', async () => {
        await store.writeBatch([message(1, 'ada', 'secret')])

        await store.writeBatch([remove(2, 1)])

        expect(await store.getMessage(app, room, 'lobby-e1')).toMatchObject({
          text: '',
          deleted: true,
        })
      })

      test('a delete also blanks the text of earlier edits of that message', async () => {
        await store.writeBatch([
          message(1, 'ada', 'secret'),
          edit(2, 1, 'more secret'),
          message(3, 'ada', 'kept'),
          edit(4, 3, 'kept edit'),
        ])

        await store.writeBatch([remove(5, 1)])

        const texts = (await allEvents()).map((event) =>
          'text' in event ? event.text : null,
        )
        expect(texts).toEqual(['', '', 'kept edit', 'kept edit', null])
      })

      test('an edit after a delete does not bring the text back', async () => {
        await store.writeBatch([message(1, 'ada', 'secret'), remove(2, 1)])

        await store.writeBatch([edit(3, 1, 'back again')])

        expect(await store.getMessage(app, room, 'lobby-e1')).toMatchObject({
          text: '',
          deleted: true,
        })
      })

      test('a delete leaves the text of later edits in its batch alone', async () => {
        await store.writeBatch([
          message(1, 'ada', 'secret'),
          edit(2, 1, 'more secret'),
          remove(3, 1),
          edit(4, 1, 'back again'),
        ])

        const texts = (await allEvents()).map((event) =>
          'text' in event ? event.text : null,
        )
        expect(texts).toEqual(['', '', null, 'back again'])
        expect(await store.getMessage(app, room, 'lobby-e1')).toMatchObject({
          text: '',
          deleted: true,
        })
      })
    })

    describe('reactions', () => {
      test('reactions collect users per emoji in the order they reacted', async () => {
        await store.writeBatch([
          message(1),
          react(2, 1, 'bob', '👍', true),
          react(3, 1, 'cy', '👍', true),
          react(4, 1, 'cy', '🎉', true),
        ])

        expect(
          (await store.getMessage(app, room, 'lobby-e1'))?.reactions,
        ).toEqual({
          '👍': ['bob', 'cy'],
          '🎉': ['cy'],
        })
      })

      test('taking back a reaction removes the user and drops an empty emoji', async () => {
        await store.writeBatch([
          message(1),
          react(2, 1, 'bob', '👍', true),
          react(3, 1, 'cy', '🎉', true),
        ])

        await store.writeBatch([react(4, 1, 'bob', '👍', false)])

        expect(
          (await store.getMessage(app, room, 'lobby-e1'))?.reactions,
        ).toEqual({
          '🎉': ['cy'],
        })
      })

      test('a message whose reactions were all taken back has no reactions field', async () => {
        await store.writeBatch([
          message(1),
          react(2, 1, 'bob', '👍', true),
          react(3, 1, 'bob', '👍', false),
        ])

        expect(
          await store.getMessage(app, room, 'lobby-e1'),
        ).not.toHaveProperty('reactions')
      })

      test('a reaction to an unknown message is stored and changes no message', async () => {
        await store.writeBatch([message(1), react(2, 9, 'bob', '👍', true)])

        expect(
          await store.getMessage(app, room, 'lobby-e1'),
        ).not.toHaveProperty('reactions')
        expect((await allEvents()).map((event) => event.kind)).toEqual([
          'message',
          'reaction',
        ])
      })

      test('an emoji with dots, dollar signs or a reserved name is kept as given', async () => {
        const emoji = ['$set', 'a.b', '__proto__', '👍.$']
        await store.writeBatch([
          message(1),
          ...emoji.map((e, i) => react(i + 2, 1, 'bob', e, true)),
        ])

        const reactions = (await store.getMessage(app, room, 'lobby-e1'))
          ?.reactions

        expect(Object.keys(reactions ?? {})).toEqual(emoji)
        expect(Object.getPrototypeOf(reactions)).toBe(Object.prototype)
        expect(Object.values(reactions ?? {})).toEqual(emoji.map(() => ['bob']))
      })

      test('an emoji taken back by everyone and chosen again moves last', async () => {
        await store.writeBatch([
          message(1),
          react(2, 1, 'bob', '👍', true),
          react(3, 1, 'cy', '🎉', true),
          react(4, 1, 'bob', '👍', false),
          react(5, 1, 'cy', '👍', true),
        ])

        const reactions = (await store.getMessage(app, room, 'lobby-e1'))
          ?.reactions

        expect(Object.entries(reactions ?? {})).toEqual([
          ['🎉', ['cy']],
          ['👍', ['cy']],
        ])
      })
    })

    describe('history', () => {
      beforeEach(async () => {
        await store.writeBatch([
          message(1),
          message(2),
          react(3, 2, 'bob', '👍', true),
          message(4),
          edit(5, 4, 'edited'),
          message(6),
          message(7),
        ])
      })

      test('without a cursor it returns the newest messages oldest first', async () => {
        const page = await store.history(app, room, undefined, 3)

        expect(page.items.map((m) => m.seq)).toEqual([4, 6, 7])
        expect(page.more).toBe(true)
      })

      test('before pages back to older messages and skips other events', async () => {
        const page = await store.history(app, room, 4, 2)

        expect(page.items.map((m) => m.seq)).toEqual([1, 2])
        expect(page.more).toBe(false)
      })

      test('more is false when the page reaches the first message exactly', async () => {
        const page = await store.history(app, room, undefined, 5)

        expect(page.items.map((m) => m.seq)).toEqual([1, 2, 4, 6, 7])
        expect(page.more).toBe(false)
      })

      test('more is true when one older message is left', async () => {
        const page = await store.history(app, room, 7, 3)

        expect(page.items.map((m) => m.seq)).toEqual([2, 4, 6])
        expect(page.more).toBe(true)
      })

      test('messages come back with edits and reactions folded in', async () => {
        const { items } = await store.history(app, room, undefined, 10)

        expect(items.find((m) => m.seq === 2)?.reactions).toEqual({
          '👍': ['bob'],
        })
        expect(items.find((m) => m.seq === 4)).toMatchObject({
          text: 'edited',
          editedAt: 1_005,
        })
      })

      test('history of an empty room is an empty page', async () => {
        expect(await store.history(app, 'empty', undefined, 10)).toEqual({
          items: [],
          more: false,
        })
      })
    })

    describe('replay', () => {
      test('returns every event after the seq, oldest first, edits included', async () => {
        await store.writeBatch([
          message(1, 'ada', 'draft'),
          edit(2, 1, 'final'),
          react(3, 1, 'bob', '👍', true),
          react(4, 1, 'bob', '👍', false),
          remove(5, 1),
        ])

        const page = await store.replay(app, room, 1, 10)

        expect(page.more).toBe(false)
        // The later delete blanked the edit's text as well.
        expect(page.items).toStrictEqual([
          withoutApp(edit(2, 1, '')),
          withoutApp(react(3, 1, 'bob', '👍', true)),
          withoutApp(react(4, 1, 'bob', '👍', false)),
          withoutApp(remove(5, 1)),
        ])
      })

      test('message rows come back in their current state', async () => {
        await store.writeBatch([
          message(1, 'ada', 'draft'),
          edit(2, 1, 'final'),
          react(3, 1, 'bob', '👍', true),
        ])

        const [first] = (await store.replay(app, room, 0, 1)).items

        expect(first).toStrictEqual({
          ...withoutApp(message(1, 'ada', 'final')),
          editedAt: 1_002,
          reactions: { '👍': ['bob'] },
        })
      })

      test('more is true when events past the limit exist', async () => {
        await store.writeBatch([message(1), message(2), message(3)])

        const page = await store.replay(app, room, 0, 2)

        expect(page.items.map((event) => event.seq)).toEqual([1, 2])
        expect(page.more).toBe(true)
      })

      test('replay after the last seq is empty', async () => {
        await store.writeBatch([message(1), message(2)])

        expect(await store.replay(app, room, 2, 10)).toEqual({
          items: [],
          more: false,
        })
      })
    })

    describe('lookups', () => {
      test('lastSeqs gives the highest seq per room and leaves empty rooms out', async () => {
        await store.writeBatch([
          message(1),
          message(2),
          { ...message(1), room: 'b' },
          { ...message(9), app: otherApp, room: 'b' },
        ])

        const seqs = await store.lastSeqs(app, [room, 'b', 'empty'])

        expect(seqs).toEqual(
          new Map([
            [room, 2],
            ['b', 1],
          ]),
        )
      })

      test('lastSeqs answers for more rooms than fit one statement', async () => {
        const rooms = Array.from({ length: 250 }, (_, i) => `r${i}`)
        await store.writeBatch(
          rooms.map((r, i) => ({ ...message(i + 1), room: r })),
        )

        const seqs = await store.lastSeqs(app, rooms)

        expect(seqs.size).toBe(250)
        expect(seqs.get('r249')).toBe(250)
      })

      test('findByClientIds returns the stored events for those keys only', async () => {
        await store.writeBatch([
          message(1, 'ada'),
          message(2, 'bob'),
          react(3, 1, 'bob', '👍', true),
          { ...message(4, 'ada'), room: 'other' },
        ])

        const found = await store.findByClientIds(app, room, [
          { user: 'ada', clientId: 'ada-c1' },
          { user: 'bob', clientId: 'bob-c3' },
          { user: 'bob', clientId: 'ada-c1' },
          { user: 'ada', clientId: 'ada-c4' },
        ])

        expect(found).toEqual([
          { ...message(1, 'ada'), reactions: { '👍': ['bob'] } },
          react(3, 1, 'bob', '👍', true),
        ])
      })

      test('findByClientIds handles more keys than fit one statement', async () => {
        const events = Array.from({ length: 450 }, (_, i) => message(i + 1))
        await store.writeBatch(events)

        const found = await store.findByClientIds(
          app,
          room,
          events.map((event) => ({
            user: event.user,
            clientId: event.clientId,
          })),
        )

        expect(found).toHaveLength(450)
      })

      test('findByClientIds with no keys returns nothing', async () => {
        expect(await store.findByClientIds(app, room, [])).toEqual([])
      })
    })

    describe('unread counts', () => {
      test('counts only messages after the mark', async () => {
        await store.writeBatch([
          message(1),
          message(2),
          react(3, 2, 'bob', '👍', true),
          edit(4, 2, 'edited'),
          message(5),
        ])

        const counts = await store.unreadCounts(app, [{ room, after: 1 }], 100)

        expect(counts.get(room)).toBe(2)
      })

      test('stops counting at the cap', async () => {
        await store.writeBatch(
          Array.from({ length: 30 }, (_, i) => message(i + 1)),
        )

        const counts = await store.unreadCounts(app, [{ room, after: 0 }], 10)

        expect(counts.get(room)).toBe(10)
      })

      test('answers every room asked, zero where nothing is unread', async () => {
        await store.writeBatch([message(1), { ...message(1), room: 'b' }])

        const counts = await store.unreadCounts(
          app,
          [
            { room, after: 0 },
            { room: 'b', after: 1 },
            { room: 'empty', after: 0 },
          ],
          100,
        )

        expect(counts).toEqual(
          new Map([
            [room, 1],
            ['b', 0],
            ['empty', 0],
          ]),
        )
      })

      test('answers for more rooms than fit one statement', async () => {
        const rooms = Array.from({ length: 230 }, (_, i) => `r${i}`)
        await store.writeBatch(
          rooms.map((r, i) => ({ ...message(i + 1), room: r })),
        )

        const counts = await store.unreadCounts(
          app,
          rooms.map((r) => ({ room: r, after: 0 })),
          5,
        )

        expect(counts.size).toBe(230)
        expect([...counts.values()].every((count) => count === 1)).toBe(true)
      })

      test('ignores messages of other apps', async () => {
        await store.writeBatch([{ ...message(1), app: otherApp }])

        const counts = await store.unreadCounts(app, [{ room, after: 0 }], 10)

        expect(counts.get(room)).toBe(0)
      })
    })

    describe('erasure and room deletion', () => {
      test('eraseUser blanks the user messages and edits and counts the rows', async () => {
        await store.writeBatch([
          message(1, 'ada', 'mine'),
          edit(2, 1, 'mine, edited'),
          message(3, 'bob', 'yours'),
          { ...message(4, 'ada', 'elsewhere'), room: 'other' },
          react(5, 3, 'ada', '👍', true),
        ])

        const changed = await store.eraseUser(app, 'ada')

        expect(changed).toBe(3)
        expect((await store.getMessage(app, room, 'lobby-e1'))?.text).toBe('')
        expect((await store.getMessage(app, 'other', 'lobby-e4'))?.text).toBe(
          '',
        )
        expect((await store.getMessage(app, room, 'lobby-e3'))?.text).toBe(
          'yours',
        )
        const editEvent = (await allEvents()).find((event) => event.seq === 2)
        expect(editEvent).toMatchObject({ kind: 'edit', text: '' })
      })

      test('erasing a user again changes no rows', async () => {
        await store.writeBatch([message(1, 'ada')])
        await store.eraseUser(app, 'ada')

        expect(await store.eraseUser(app, 'ada')).toBe(0)
      })

      test('deleteRoom removes that room events only', async () => {
        await store.writeBatch([message(1), { ...message(1), room: 'other' }])

        await store.deleteRoom(app, room)

        expect(await allEvents()).toEqual([])
        expect(await store.getMessage(app, 'other', 'lobby-e1')).not.toBeNull()
      })
    })

    describe('health', () => {
      test('ping answers true while open and false once closed', async () => {
        const own = await factory()

        expect(await own.ping()).toBe(true)

        await own.close()

        expect(await own.ping()).toBe(false)
      })
    })
  })
}

function uniqueId(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`
}

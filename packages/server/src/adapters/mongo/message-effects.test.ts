import { describe, expect, test } from 'vitest'

import type { EventDocument } from './event-document.js'
import { applyEffect } from './message-effects.js'
import type { MessageState } from './message-effects.js'

function effect(
  seq: number,
  fields: Partial<EventDocument> & Pick<EventDocument, 'kind'>,
): EventDocument {
  return {
    _id: `e${seq}`,
    app: 'app',
    room: 'lobby',
    seq,
    id: `e${seq}`,
    user: 'ada',
    clientId: `c${seq}`,
    at: 1_000 + seq,
    target: 'm1',
    ...fields,
  }
}

describe('applyEffect', () => {
  test('an edit sets the text and editedAt and records its seq', () => {
    const state: MessageState = { text: 'draft' }

    const fields = applyEffect(state, effect(2, { kind: 'edit', text: 'new' }))

    expect(fields).toEqual(['text', 'editedAt', 'appliedSeq'])
    expect(state).toEqual({ text: 'new', editedAt: 1_002, appliedSeq: 2 })
  })

  test('an edit of a deleted message only records its seq', () => {
    const state: MessageState = { text: '', deleted: true, appliedSeq: 2 }

    const fields = applyEffect(state, effect(3, { kind: 'edit', text: 'x' }))

    expect(fields).toEqual(['appliedSeq'])
    expect(state).toEqual({ text: '', deleted: true, appliedSeq: 3 })
  })

  test('a delete blanks the text and marks the message', () => {
    const state: MessageState = { text: 'secret' }

    applyEffect(state, effect(2, { kind: 'delete' }))

    expect(state).toEqual({ text: '', deleted: true, appliedSeq: 2 })
  })

  test('a reaction toggles the user on the emoji', () => {
    const state: MessageState = {}

    applyEffect(state, effect(2, { kind: 'reaction', emoji: '👍', on: true }))

    expect(state.reactions).toEqual([{ emoji: '👍', users: ['ada'] }])
  })

  test('an effect at or below appliedSeq changes nothing', () => {
    const state: MessageState = { text: 'kept', appliedSeq: 5 }

    expect(applyEffect(state, effect(5, { kind: 'delete' }))).toEqual([])
    expect(applyEffect(state, effect(4, { kind: 'edit', text: 'x' }))).toEqual(
      [],
    )
    expect(state).toEqual({ text: 'kept', appliedSeq: 5 })
  })
})

import { describe, expect, test } from 'vitest'

import { toggleReaction } from './toggle-reaction.js'

describe('toggleReaction', () => {
  test('adding to no reactions creates the emoji with the user', () => {
    expect(toggleReaction(null, '👍', 'ada', true)).toEqual({ '👍': ['ada'] })
  })

  test('a second user is appended after the first', () => {
    expect(toggleReaction({ '👍': ['ada'] }, '👍', 'bob', true)).toEqual({
      '👍': ['ada', 'bob'],
    })
  })

  test('adding the same reaction twice keeps one entry', () => {
    expect(toggleReaction({ '👍': ['ada'] }, '👍', 'ada', true)).toEqual({
      '👍': ['ada'],
    })
  })

  test('taking back removes only that user', () => {
    expect(
      toggleReaction({ '👍': ['ada', 'bob'] }, '👍', 'ada', false),
    ).toEqual({ '👍': ['bob'] })
  })

  test('taking back the last user drops the emoji', () => {
    expect(
      toggleReaction({ '👍': ['ada'], '🎉': ['bob'] }, '👍', 'ada', false),
    ).toEqual({ '🎉': ['bob'] })
  })

  test('taking back the last reaction of a message returns null', () => {
    expect(toggleReaction({ '👍': ['ada'] }, '👍', 'ada', false)).toBeNull()
  })

  test('taking back a reaction that is not there changes nothing', () => {
    expect(toggleReaction(null, '👍', 'ada', false)).toBeNull()
    expect(toggleReaction({ '🎉': ['bob'] }, '👍', 'ada', false)).toEqual({
      '🎉': ['bob'],
    })
  })

  test('an emoji named __proto__ is kept as an ordinary key', () => {
    const reactions = toggleReaction(null, '__proto__', 'ada', true)

    expect(Object.getPrototypeOf(reactions)).toBe(Object.prototype)
    expect(JSON.stringify(reactions)).toBe('{"__proto__":["ada"]}')
  })
})

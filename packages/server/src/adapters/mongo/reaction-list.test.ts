import { describe, expect, test } from 'vitest'

import { reactionsRecord, toggleReaction } from './reaction-list.js'

describe('toggleReaction', () => {
  test('a new emoji goes last, a new user after the others', () => {
    const one = toggleReaction([], '👍', 'ada', true)
    const two = toggleReaction(one, '🎉', 'bob', true)

    expect(toggleReaction(two, '👍', 'bob', true)).toEqual([
      { emoji: '👍', users: ['ada', 'bob'] },
      { emoji: '🎉', users: ['bob'] },
    ])
  })

  test('adding twice or taking back what is not there changes nothing', () => {
    const list = [{ emoji: '👍', users: ['ada'] }]

    expect(toggleReaction(list, '👍', 'ada', true)).toEqual(list)
    expect(toggleReaction(list, '👍', 'bob', false)).toEqual(list)
    expect(toggleReaction(list, '🎉', 'ada', false)).toEqual(list)
  })

  test('taking back the last user drops the emoji', () => {
    const list = [
      { emoji: '👍', users: ['ada'] },
      { emoji: '🎉', users: ['bob'] },
    ]

    expect(toggleReaction(list, '👍', 'ada', false)).toEqual([
      { emoji: '🎉', users: ['bob'] },
    ])
  })

  test('the input list is left as it was', () => {
    const list = [{ emoji: '👍', users: ['ada'] }]

    toggleReaction(list, '👍', 'bob', true)
    toggleReaction(list, '👍', 'ada', false)

    expect(list).toEqual([{ emoji: '👍', users: ['ada'] }])
  })
})

describe('reactionsRecord', () => {
  test('keeps the list order and any emoji as an ordinary key', () => {
    const record = reactionsRecord([
      { emoji: 'a.b', users: ['ada'] },
      { emoji: '__proto__', users: ['bob'] },
      { emoji: '$set', users: ['cy'] },
    ])

    expect(Object.getPrototypeOf(record)).toBe(Object.prototype)
    expect(JSON.stringify(record)).toBe(
      '{"a.b":["ada"],"__proto__":["bob"],"$set":["cy"]}',
    )
  })
})

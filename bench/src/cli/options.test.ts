import { describe, expect, it } from 'vitest'
import { smallRoomsPresets } from '../scenarios/small-rooms.js'
import { parseOptions } from './options.js'

describe('parseOptions', () => {
  it('runs the quick preset, pinned, by default', () => {
    const options = parseOptions([])
    expect(options.preset).toBe('quick')
    expect(options.smallRooms).toEqual(smallRoomsPresets.quick)
    expect(options.pin).toBe(true)
    expect(options.addresses).toBeUndefined()
    expect(options.scenarios).toEqual([
      'idle-capacity',
      'small-rooms',
      'rate-sweep',
      'large-room',
      'reconnect-storm',
      'two-nodes',
      'durable-path',
    ])
    expect(options.servers).toEqual(['algochat', 'socketio', 'centrifugo'])
  })

  it('runs the named servers in the fixed order', () => {
    expect(parseOptions(['--server', 'socketio']).servers).toEqual(['socketio'])
    expect(parseOptions(['--server', 'centrifugo,algochat']).servers).toEqual([
      'algochat',
      'centrifugo',
    ])
  })

  it('switches to the full preset and lets flags override it', () => {
    const options = parseOptions(['--full', '--rate', '0.5', '--no-pin'])
    expect(options.smallRooms).toEqual({ ...smallRoomsPresets.full, rate: 0.5 })
    expect(options.pin).toBe(false)
  })

  it('sizes the durable path by its preset and the flags given', () => {
    expect(parseOptions([]).durablePath.map((run) => run.rate)).toEqual([
      1_000, 5_000,
    ])
    const small = parseOptions([
      '--scenario',
      'durable-path',
      '--clients',
      '200',
      '--durable-rates',
      '100,500',
    ])
    expect(small.scenarios).toEqual(['durable-path'])
    expect(small.durablePath).toHaveLength(2)
    expect(small.durablePath[1]).toMatchObject({ clients: 200, rate: 500 })
    expect(small.durablePath[1]!.roomSize).toBe(10)
  })

  it('refuses malformed numbers and unknown names', () => {
    expect(() => parseOptions(['--clients', '1.5'])).toThrow(/--clients/)
    expect(() => parseOptions(['--rate', '0'])).toThrow(/--rate/)
    expect(() => parseOptions(['--payload-bytes', '10'])).toThrow(/payload/)
    expect(() => parseOptions(['--server', 'other'])).toThrow(/server/)
    expect(() => parseOptions(['--scenario', 'other'])).toThrow(/scenario/)
    expect(() => parseOptions(['--bogus'])).toThrow()
  })
})

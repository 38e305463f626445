import type { RoomEvent } from '@algochat/protocol'
import { describe, expect, it } from 'vitest'
import { SeqWindow } from './seq-window.js'

const event = (seq: number): RoomEvent => ({
  kind: 'message',
  id: `id${seq}`,
  room: 'r',
  seq,
  user: 'ann',
  clientId: `c${seq}`,
  at: seq,
  text: '',
})
const seqsOf = (events: RoomEvent[]): number[] => events.map((e) => e.seq)

describe('SeqWindow', () => {
  it('lets contiguous events through in order', () => {
    const window = new SeqWindow()
    expect(seqsOf(window.accept([event(1), event(2), event(3)]))).toEqual([
      1, 2, 3,
    ])
    expect(window.last).toBe(3)
    expect(window.gap).toBe(false)
  })

  it('drops duplicates, including ones already applied', () => {
    const window = new SeqWindow()
    window.accept([event(1), event(2)])
    expect(window.accept([event(2), event(1)])).toEqual([])
    expect(seqsOf(window.accept([event(3), event(3)]))).toEqual([3])
  })

  it('holds events past a missing seq and reports the gap', () => {
    const window = new SeqWindow()
    window.accept([event(1)])
    expect(window.accept([event(3), event(4)])).toEqual([])
    expect(window.gap).toBe(true)
    expect(window.last).toBe(1)

    expect(seqsOf(window.accept([event(2)]))).toEqual([2, 3, 4])
    expect(window.gap).toBe(false)
  })

  it('puts events arriving out of order back in seq order', () => {
    const window = new SeqWindow()
    expect(seqsOf(window.accept([event(3), event(1), event(2)]))).toEqual([
      1, 2, 3,
    ])
  })

  it('moves the watermark forward and releases events waiting beyond it', () => {
    const window = new SeqWindow()
    window.accept([event(5), event(11), event(12)])
    expect(seqsOf(window.reset(10))).toEqual([11, 12])
    expect(window.last).toBe(12)
    expect(window.gap).toBe(false)
  })

  it('never moves the watermark back', () => {
    const window = new SeqWindow()
    window.accept([event(1), event(2)])
    window.reset(1)
    expect(window.last).toBe(2)
  })
})

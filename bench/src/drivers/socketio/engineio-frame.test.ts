import { describe, expect, it } from 'vitest'
import {
  readSocketIoFrame,
  socketIoConnect,
  socketIoEvent,
} from './engineio-frame.js'

describe('readSocketIoFrame', () => {
  it('reads the open packet with its ping settings', () => {
    expect(
      readSocketIoFrame(
        '0{"sid":"a","upgrades":[],"pingInterval":25000,"pingTimeout":20000,"maxPayload":1000000}',
      ),
    ).toEqual({ kind: 'open', pingInterval: 25_000, pingTimeout: 20_000 })
  })

  it('reads an engine.io ping', () => {
    expect(readSocketIoFrame('2')).toEqual({ kind: 'ping' })
  })

  it('reads the namespace connect and its refusal', () => {
    expect(readSocketIoFrame('40{"sid":"xyz"}')).toEqual({
      kind: 'connect',
      sid: 'xyz',
    })
    expect(readSocketIoFrame('44{"message":"unauthorized"}')).toEqual({
      kind: 'connect-error',
      message: 'unauthorized',
    })
  })

  it('reads an event with its arguments', () => {
    expect(readSocketIoFrame('42["message","r1","hi \\"x\\""]')).toEqual({
      kind: 'event',
      name: 'message',
      args: ['r1', 'hi "x"'],
    })
  })

  it('reads an ack with a multi-digit id', () => {
    expect(readSocketIoFrame('4312[{"ok":true}]')).toEqual({
      kind: 'ack',
      id: 12,
      args: [{ ok: true }],
    })
  })

  it('passes unknown packets through', () => {
    expect(readSocketIoFrame('6')).toEqual({ kind: 'other', raw: '6' })
  })
})

describe('writing packets', () => {
  it('writes events with and without ack ids', () => {
    expect(socketIoEvent('publish', ['r1', 'x'])).toBe('42["publish","r1","x"]')
    expect(socketIoEvent('join', ['r1'], 7)).toBe('427["join","r1"]')
  })

  it('writes the connect packet with auth', () => {
    expect(socketIoConnect({ token: 't' })).toBe('40{"token":"t"}')
  })
})

import { describe, expect, expectTypeOf, it } from 'vitest'
import * as api from './index.js'
import type {
  ChatClientOptions,
  ChatMessage,
  ClientStatus,
  ErrorCode,
  PendingMessage,
  Room,
  RoomState,
} from './index.js'

describe('the public surface', () => {
  it('exports only the classes a page meets as values', () => {
    expect(Object.keys(api).sort()).toEqual([
      'AlgochatError',
      'ChatClient',
      'IndexedDBOutboxStore',
      'MemoryOutboxStore',
      'Room',
    ])
  })

  it('types the room state end to end, read-only', () => {
    expectTypeOf<RoomState['messages']>().toEqualTypeOf<
      readonly ChatMessage[]
    >()
    expectTypeOf<RoomState['pending']>().toEqualTypeOf<
      readonly PendingMessage[]
    >()
    expectTypeOf<PendingMessage['status']>().toEqualTypeOf<
      'pending' | 'sent' | 'failed'
    >()
    expectTypeOf<ChatMessage['seq']>().toEqualTypeOf<number>()
    expectTypeOf<RoomState['error']>().toEqualTypeOf<api.AlgochatError | null>()
  })

  it('types commands and options without any', () => {
    expectTypeOf<Room['send']>().returns.toEqualTypeOf<Promise<ChatMessage>>()
    expectTypeOf<Room['edit']>().returns.toEqualTypeOf<Promise<void>>()
    expectTypeOf<Room['subscribe']>().returns.toEqualTypeOf<() => void>()
    expectTypeOf<ChatClientOptions['token']>().toEqualTypeOf<
      string | (() => string | Promise<string>)
    >()
    expectTypeOf<api.ChatClient['status']>().toEqualTypeOf<ClientStatus>()
    expectTypeOf<api.AlgochatError['code']>().toEqualTypeOf<ErrorCode>()
    expectTypeOf<ClientStatus>().toEqualTypeOf<
      'idle' | 'connecting' | 'online' | 'reconnecting' | 'offline' | 'closed'
    >()
  })

  it('accepts the browser WebSocket and the ws package alike', async () => {
    const { WebSocket } = await import('ws')
    expectTypeOf(WebSocket).toExtend<api.WebSocketConstructor>()
    expectTypeOf(globalThis.WebSocket).toExtend<api.WebSocketConstructor>()
  })
})

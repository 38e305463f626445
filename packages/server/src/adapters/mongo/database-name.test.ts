import { describe, expect, test } from 'vitest'

import { databaseName } from './database-name.js'

describe('databaseName', () => {
  test('reads the database from the path', () => {
    expect(databaseName('mongodb://127.0.0.1:27018/chat')).toBe('chat')
    expect(databaseName('mongodb://u:p@h1:1,h2:2/chat?replicaSet=rs')).toBe(
      'chat',
    )
    expect(databaseName('mongodb+srv://cluster.example.net/chat')).toBe('chat')
  })

  test('falls back to algochat when the URL names no database', () => {
    expect(databaseName('mongodb://127.0.0.1:27018')).toBe('algochat')
    expect(databaseName('mongodb://127.0.0.1:27018/')).toBe('algochat')
    expect(databaseName('mongodb://127.0.0.1:27018/?tls=true')).toBe('algochat')
    expect(databaseName('mongodb://127.0.0.1:27018?tls=true')).toBe('algochat')
  })

  test('decodes an escaped name', () => {
    expect(databaseName('mongodb://h/my%20db')).toBe('my db')
  })
})

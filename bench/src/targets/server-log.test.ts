import { describe, expect, it } from 'vitest'
import { levelOf, ServerLog } from './server-log.js'

describe('ServerLog', () => {
  it('counts warnings and errors by pino level and keeps samples', () => {
    const log = new ServerLog(undefined)
    log.line('{"level":30,"msg":"listening on http://127.0.0.1:1"}')
    log.line('{"level":40,"msg":"publishing events failed"}')
    log.line('{"level":50,"msg":"storing a sequenced batch failed"}')
    log.line('{"level":60,"msg":"fatal"}')
    log.line('plain text from a dependency')

    const summary = log.summary()
    expect(summary).toMatchObject({
      file: null,
      lines: 5,
      warnings: 1,
      errors: 2,
    })
    expect(summary.samples).toHaveLength(3)
  })

  it('reads the level only from pino JSON', () => {
    expect(levelOf('{"level":40,"time":1}')).toBe(40)
    expect(levelOf('level 40')).toBeUndefined()
  })
})

import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { configFromFile, parseConfigFile } from './config-file.js'

const parse = (value: unknown) =>
  parseConfigFile(JSON.stringify(value), 'algochat.json')

describe('parseConfigFile', () => {
  it('returns the keys the file sets, and only those', () => {
    const layer = parse({
      port: 9000,
      kafkaBrokers: ['a:9092', 'b:9092'],
      sequencer: false,
      connectionRate: 0.5,
      limits: { maxTextLength: 2000 },
    })
    expect(layer).toEqual({
      port: 9000,
      kafkaBrokers: ['a:9092', 'b:9092'],
      sequencer: false,
      connectionRate: 0.5,
      limits: { maxTextLength: 2000 },
    })
  })

  it('accepts an empty object', () => {
    expect(parse({})).toEqual({})
  })

  it('refuses an unknown key and names it', () => {
    expect(() => parse({ prot: 9000 })).toThrow(
      'Invalid config file algochat.json: unknown key "prot"',
    )
  })

  it('refuses an unknown limit and names it with its path', () => {
    expect(() => parse({ limits: { maxText: 5 } })).toThrow(
      'unknown key "limits.maxText"',
    )
  })

  it('refuses a value of the wrong type and names the key', () => {
    expect(() => parse({ port: '9000' })).toThrow(
      '"port": expected integer, got "9000"',
    )
    expect(() => parse({ limits: { maxPageSize: 0 } })).toThrow(
      '"limits.maxPageSize"',
    )
    expect(() => parse({ kafkaBrokers: 'a:9092' })).toThrow('"kafkaBrokers"')
  })

  it('refuses keys only a command or the environment may set', () => {
    expect(() => parse({ gateway: false })).toThrow('unknown key "gateway"')
    expect(() => parse({ crashAfterStoredBatches: 1 })).toThrow(
      'unknown key "crashAfterStoredBatches"',
    )
  })

  it('reports every problem at once', () => {
    const problems = () => parse({ port: -1, host: 7, colour: 'red' })
    expect(problems).toThrow('"port": expected integer to be greater')
    expect(problems).toThrow('"host": expected string, got 7')
    expect(problems).toThrow('unknown key "colour"')
  })

  it('refuses text that is not a JSON object', () => {
    expect(() => parseConfigFile('{"port": 9000,}', 'a.json')).toThrow(
      'Config file a.json is not valid JSON',
    )
    expect(() => parse([1, 2])).toThrow('the file must hold a JSON object')
  })
})

describe('configFromFile', () => {
  it('reads and validates a file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'algochat-config-'))
    const path = join(dir, 'algochat.json')
    await writeFile(path, '{"port": 9100, "logLevel": "warn"}')
    expect(await configFromFile(path)).toEqual({ port: 9100, logLevel: 'warn' })
  })

  it('names a file it cannot read', async () => {
    const path = join(tmpdir(), 'algochat-no-such-config.json')
    await expect(configFromFile(path)).rejects.toThrow(
      `Cannot read config file ${path}`,
    )
  })
})

import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { defaultConfig } from '../config.js'
import { loadConfig } from './load-config.js'

async function configFile(value: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'algochat-config-'))
  const path = join(dir, 'algochat.json')
  await writeFile(path, JSON.stringify(value))
  return path
}

describe('loadConfig', () => {
  it('uses the defaults when no file is named', async () => {
    const config = await loadConfig({}, { env: {} })
    expect(config).toEqual(defaultConfig)
  })

  it('lets variables override the file, and flags override both', async () => {
    const path = await configFile({
      port: 9000,
      host: '127.0.0.1',
      heartbeatMs: 5000,
      kafkaTopic: 'from-file',
    })
    const config = await loadConfig(
      { config: path, port: '9200' },
      { env: { ALGOCHAT_PORT: '9100', ALGOCHAT_HEARTBEAT_MS: '7000' } },
    )
    expect(config).toMatchObject({
      port: 9200,
      host: '127.0.0.1',
      heartbeatMs: 7000,
      kafkaTopic: 'from-file',
    })
  })

  it('keeps the limits a variable does not set', async () => {
    const path = await configFile({ limits: { maxTextLength: 2000 } })
    const config = await loadConfig(
      { config: path },
      { env: { ALGOCHAT_MAX_FRAME_BYTES: '8192' } },
    )
    expect(config.limits).toMatchObject({
      maxTextLength: 2000,
      maxFrameBytes: 8192,
      maxPageSize: defaultConfig.limits.maxPageSize,
    })
  })

  it('reads the file named by ALGOCHAT_CONFIG, unless --config names one', async () => {
    const fromEnv = await configFile({ port: 9300 })
    const fromFlag = await configFile({ port: 9400 })
    const env = { ALGOCHAT_CONFIG: fromEnv }
    expect((await loadConfig({}, { env })).port).toBe(9300)
    expect((await loadConfig({ config: fromFlag }, { env })).port).toBe(9400)
  })

  it("puts the file above the command's defaults and below what it fixes", async () => {
    const path = await configFile({ demo: false, sequencer: false })
    const config = await loadConfig(
      { config: path },
      { env: {}, base: { demo: true }, fixed: { sequencer: true } },
    )
    expect(config).toMatchObject({ demo: false, sequencer: true })
  })
})

import { describe, expect, it } from 'vitest'
import { centrifugoConfig } from './centrifugo-target.js'

describe('centrifugoConfig', () => {
  it('keeps one node on the memory engine', () => {
    const config = centrifugoConfig(8000, 'k') as Record<string, unknown>
    expect(config['engine']).toBeUndefined()
    expect(config['http_server']).toEqual({ address: '127.0.0.1', port: 8000 })
  })

  it('puts the nodes of a server on one Redis engine under a prefix', () => {
    const one = centrifugoConfig(8000, 'k', {
      url: 'redis://127.0.0.1:16379',
      prefix: 'bench-1',
    })
    const two = centrifugoConfig(8001, 'k', {
      url: 'redis://127.0.0.1:16379',
      prefix: 'bench-1',
    })
    expect(one).toMatchObject({
      engine: {
        type: 'redis',
        redis: { address: ['redis://127.0.0.1:16379'], prefix: 'bench-1' },
      },
      client: { token: { hmac_secret_key: 'k' } },
    })
    expect({ ...two, http_server: null }).toEqual({
      ...one,
      http_server: null,
    })
  })
})

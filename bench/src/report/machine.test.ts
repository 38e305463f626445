import { describe, expect, it } from 'vitest'
import { parseCpuModel } from './machine.js'

describe('parseCpuModel', () => {
  it('reads the first model name line', () => {
    const cpuinfo = [
      'processor\t: 0',
      'vendor_id\t: AuthenticAMD',
      'model name\t: AMD EPYC 7B13 64-Core Processor',
      '',
      'processor\t: 1',
      'model name\t: AMD EPYC 7B13 64-Core Processor',
    ].join('\n')
    expect(parseCpuModel(cpuinfo)).toBe('AMD EPYC 7B13 64-Core Processor')
  })

  it('says unknown when there is none (some ARM kernels)', () => {
    expect(parseCpuModel('processor\t: 0\nBogoMIPS\t: 50.00\n')).toBe('unknown')
  })
})

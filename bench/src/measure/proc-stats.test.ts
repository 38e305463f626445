import { describe, expect, it } from 'vitest'
import {
  parseCoreTicks,
  parseStatCpuTicks,
  parseVmRssKb,
  parseWriteBytes,
} from './proc-stats.js'

const status = `Name:	node
Umask:	0022
State:	S (sleeping)
Tgid:	4242
Pid:	4242
VmPeak:	 1234567 kB
VmSize:	 1200000 kB
VmHWM:	  210000 kB
VmRSS:	  198765 kB
RssAnon:	  150000 kB
Threads:	11
`

// utime is 1520 and stime 312; the name holds spaces and parentheses.
const stat =
  '4242 (node (worker) x) S 4200 4242 4200 34816 4242 4194304 51234 0 ' +
  '12 0 1520 312 0 0 20 0 11 0 987654 1228800000 49691 ' +
  '18446744073709551615 1 1 0 0 0 0 0 4096 134234626 0 0 0 17 0 0 0 0 0 0'

describe('/proc parsing', () => {
  it('reads resident memory from the VmRSS line, not VmHWM', () => {
    expect(parseVmRssKb(status)).toBe(198_765)
  })

  it('fails clearly when there is no VmRSS line', () => {
    expect(() => parseVmRssKb('Name:\tkthreadd\n')).toThrow(/VmRSS/)
  })

  it('reads utime and stime even when the name has spaces and parens', () => {
    expect(parseStatCpuTicks(stat)).toEqual({ user: 1520, system: 312 })
  })

  it('reads a plain stat line', () => {
    const plain = stat.replace('(node (worker) x)', '(node)')
    expect(parseStatCpuTicks(plain)).toEqual({ user: 1520, system: 312 })
  })

  it('fails clearly on a truncated stat line', () => {
    expect(() => parseStatCpuTicks('4242 (node) S 1 2')).toThrow(/malformed/)
  })
})

describe('/proc/stat CPU lines', () => {
  const sample = [
    'cpu  117826 0 20569 157008 5284 0 822 1460 0 0',
    'cpu0 59070 1 9834 80062 1361 2 431 727 0 0',
    'cpu1 58755 0 10735 76946 3922 0 390 733 0 0',
    'intr 123 4 5',
    'ctxt 987654',
  ].join('\n')

  it('reads busy, steal and idle ticks of each CPU, not the total', () => {
    const cores = parseCoreTicks(sample)
    expect([...cores.keys()]).toEqual([0, 1])
    expect(cores.get(0)).toEqual({
      busy: 59070 + 1 + 9834 + 2 + 431,
      steal: 727,
      idle: 80062 + 1361,
    })
  })

  it('tolerates old kernels with fewer columns', () => {
    expect(parseCoreTicks('cpu3 10 0 5 100\n').get(3)).toEqual({
      busy: 15,
      steal: 0,
      idle: 100,
    })
  })
})

describe('/proc/PID/io', () => {
  it('reads write_bytes, not wchar or cancelled_write_bytes', () => {
    const io = [
      'rchar: 6976',
      'wchar: 123456789',
      'syscr: 10',
      'syscw: 1821835',
      'read_bytes: 401408',
      'write_bytes: 1468321792',
      'cancelled_write_bytes: 4096',
    ].join('\n')
    expect(parseWriteBytes(io)).toBe(1_468_321_792)
  })

  it('fails clearly without a write_bytes line', () => {
    expect(() => parseWriteBytes('rchar: 1\n')).toThrow(/write_bytes/)
  })
})

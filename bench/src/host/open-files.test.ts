import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { openFilesShortfall, parseOpenFileLimit } from './open-files.js'

const limits = `Limit                     Soft Limit           Hard Limit           Units
Max cpu time              unlimited            unlimited            seconds
Max open files            20000                20000                files
Max locked memory         8388608              8388608              bytes`

describe('parseOpenFileLimit', () => {
  it('reads the soft limit on open files', () => {
    expect(parseOpenFileLimit(limits)).toBe(20_000)
  })

  it('has no limit when it says unlimited or is missing', () => {
    expect(
      parseOpenFileLimit(
        'Max open files            unlimited  unlimited  files',
      ),
    ).toBeUndefined()
    expect(parseOpenFileLimit('')).toBeUndefined()
  })
})

describe('openFilesShortfall', () => {
  const limit = parseOpenFileLimit(readFileSync('/proc/self/limits', 'utf8'))

  it('lets a run through that fits under the limit', () => {
    expect(openFilesShortfall(100)).toBeUndefined()
  })

  it('says why a run past the limit cannot be held', () => {
    // This process's own limit, so the case exists on any machine.
    const clients = (limit ?? Number.MAX_SAFE_INTEGER) + 1
    const why = openFilesShortfall(clients)
    if (limit === undefined) expect(why).toBeUndefined()
    else expect(why).toContain(`more than the ${limit} open files`)
  })
})

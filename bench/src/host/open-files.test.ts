import { describe, expect, it } from 'vitest'
import { parseOpenFileLimit } from './open-files.js'

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

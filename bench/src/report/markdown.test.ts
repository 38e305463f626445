import { describe, expect, it } from 'vitest'
import { markdownTable } from './markdown.js'
import { sampleReport as report } from './sample-report.js'

describe('markdownTable', () => {
  it('prints one aligned row per report with rounded figures', () => {
    const lines = markdownTable([report()]).split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[1]).toMatch(/^\| --- \| --- \| ---: \|/)
    expect(lines[2]).toBe(
      '| algochat | small-rooms | 2,000 | 200 | 0.5 | 10,000 | 2.35 | 9.50 | ' +
        '12.3 | 30.0 | 0 | 0 | 8.7 | 50% | 20,000 | 20% | no | 12% |',
    )
  })

  it('marks deliveries still arriving at the end of the drain as late', () => {
    const late = report({
      delivery: { ...report().delivery, lost: 1_234, lateAtDrainEnd: true },
    })
    expect(markdownTable([late])).toContain('| 1,234 (late) |')
  })
})

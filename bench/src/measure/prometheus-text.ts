/**
 * Sums of samples in Prometheus text exposition, per metric name, over
 * all label sets: `algochat_errors_total{code="x"} 3` and `{code="y"} 4`
 * give 7. Enough to read a server's own counters without a client
 * library; histograms are read through their `_sum` and `_count` lines.
 */
export function sumMetrics(
  text: string,
  names: readonly string[],
): Record<string, number> {
  const wanted = new Set(names)
  const totals: Record<string, number> = {}
  for (const line of text.split('\n')) {
    if (line.length === 0 || line.startsWith('#')) continue
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})?\s+(\S+)/.exec(line)
    if (!match || !wanted.has(match[1]!)) continue
    const value = Number(match[3])
    if (!Number.isFinite(value)) continue
    totals[match[1]!] = (totals[match[1]!] ?? 0) + value
  }
  return totals
}

/** The text a node's /metrics answers, in the Prometheus exposition format. */
export async function scrapeMetrics(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/metrics`)
  if (!response.ok) throw new Error(`/metrics answered ${response.status}`)
  return response.text()
}

const sampleLine = /^([A-Za-z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/
const labelPair = /(\w+)="((?:[^"\\]|\\.)*)"/g

/**
 * The value of the sample named `name` whose labels are exactly
 * `labels`; 0 when there is none, as a counter not yet touched reads.
 */
export function sampleValue(
  metrics: string,
  name: string,
  labels: Record<string, string> = {},
): number {
  const wanted = Object.entries(labels).sort()
  for (const line of metrics.split('\n')) {
    const match = sampleLine.exec(line)
    if (!match || match[1] !== name) continue

    const found = [...(match[2] ?? '').matchAll(labelPair)]
      .map(([, key = '', value = '']) => [key, value])
      .sort()
    if (JSON.stringify(found) === JSON.stringify(wanted)) {
      return Number(match[3])
    }
  }
  return 0
}

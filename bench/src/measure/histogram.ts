/**
 * A log-linear histogram of non-negative integers (latencies in
 * microseconds here), in the spirit of HDR histograms: values below
 * 2^precisionBits are counted exactly; above that, every power of two is
 * split into 2^(precisionBits - 1) equal buckets, so a recorded value is
 * known to within 2^-(precisionBits - 1) of itself whatever its size.
 * Recording is a few arithmetic operations and one array increment, and
 * the memory is fixed by the largest trackable value.
 */
export interface HistogramOptions {
  /**
   * Bits of each value kept exactly. 8 bounds the relative bucket width
   * at 1/128, so a reported percentile is within 0.4% of a recorded value.
   * @default 8
   */
  precisionBits?: number
  /**
   * Larger values are clamped to this one and counted in `clamped`.
   * @default 2 ** 36 (about 19 hours in microseconds)
   */
  maxValue?: number
}

export interface HistogramSummary {
  count: number
  min: number
  max: number
  mean: number
  p50: number
  p95: number
  p99: number
  p999: number
}

const defaults = { precisionBits: 8, maxValue: 2 ** 36 }

export class Histogram {
  readonly #precisionBits: number
  readonly #exactLimit: number
  readonly #halfBuckets: number
  readonly #maxValue: number
  readonly #counts: Float64Array
  #count = 0
  #sum = 0
  #min = Number.POSITIVE_INFINITY
  #max = 0
  #clamped = 0

  constructor(options: HistogramOptions = {}) {
    const precisionBits = options.precisionBits ?? defaults.precisionBits
    const maxValue = options.maxValue ?? defaults.maxValue
    if (!Number.isInteger(precisionBits) || precisionBits < 2) {
      throw new Error('precisionBits must be an integer >= 2')
    }
    if (!(maxValue >= 2 ** precisionBits)) {
      throw new Error('maxValue must be at least 2 ** precisionBits')
    }

    this.#precisionBits = precisionBits
    this.#exactLimit = 2 ** precisionBits
    this.#halfBuckets = this.#exactLimit / 2
    this.#maxValue = Math.floor(maxValue)
    this.#counts = new Float64Array(this.#indexOf(this.#maxValue) + 1)
  }

  get count(): number {
    return this.#count
  }

  /** Values above `maxValue` that were counted as `maxValue`. */
  get clamped(): number {
    return this.#clamped
  }

  /** Counts `value`, rounded to an integer; negative values count as 0. */
  record(value: number, times = 1): void {
    let v = Math.round(value)
    if (!(v > 0)) v = 0
    if (v > this.#maxValue) {
      v = this.#maxValue
      this.#clamped += times
    }

    this.#counts[this.#indexOf(v)]! += times
    this.#count += times
    this.#sum += v * times
    if (v < this.#min) this.#min = v
    if (v > this.#max) this.#max = v
  }

  /** Adds every count of `other`, which must have the same options. */
  merge(other: Histogram): void {
    if (other.#counts.length !== this.#counts.length) {
      throw new Error('cannot merge histograms with different options')
    }
    for (let i = 0; i < other.#counts.length; i++) {
      this.#counts[i]! += other.#counts[i]!
    }
    this.#count += other.#count
    this.#sum += other.#sum
    this.#clamped += other.#clamped
    if (other.#min < this.#min) this.#min = other.#min
    if (other.#max > this.#max) this.#max = other.#max
  }

  reset(): void {
    this.#counts.fill(0)
    this.#count = 0
    this.#sum = 0
    this.#min = Number.POSITIVE_INFINITY
    this.#max = 0
    this.#clamped = 0
  }

  /**
   * The value below or at which `percentile` percent of the recorded
   * values fall, reported as the middle of its bucket and kept within the
   * recorded min and max. NaN when nothing was recorded.
   */
  valueAt(percentile: number): number {
    if (this.#count === 0) return Number.NaN
    const p = Math.min(100, Math.max(0, percentile))
    const rank = Math.max(1, Math.ceil((p / 100) * this.#count))

    let seen = 0
    for (let i = 0; i < this.#counts.length; i++) {
      seen += this.#counts[i]!
      if (seen >= rank) {
        const [low, high] = this.#bounds(i)
        const middle = low + (high - low) / 2
        return Math.min(this.#max, Math.max(this.#min, middle))
      }
    }
    return this.#max
  }

  summary(): HistogramSummary {
    const empty = this.#count === 0
    return {
      count: this.#count,
      min: empty ? Number.NaN : this.#min,
      max: empty ? Number.NaN : this.#max,
      mean: empty ? Number.NaN : this.#sum / this.#count,
      p50: this.valueAt(50),
      p95: this.valueAt(95),
      p99: this.valueAt(99),
      p999: this.valueAt(99.9),
    }
  }

  /** Non-empty buckets as [lowest value, count], for raw result files. */
  buckets(): [number, number][] {
    const out: [number, number][] = []
    for (let i = 0; i < this.#counts.length; i++) {
      const count = this.#counts[i]!
      if (count > 0) out.push([this.#bounds(i)[0], count])
    }
    return out
  }

  #indexOf(v: number): number {
    if (v < this.#exactLimit) return v
    const magnitude = Math.floor(Math.log2(v))
    // log2 of a value just below a power of two can round up; correct it.
    const exponent = 2 ** magnitude > v ? magnitude - 1 : magnitude
    const shift = exponent - this.#precisionBits + 1
    const sub = Math.floor(v / 2 ** shift)
    return (
      this.#exactLimit +
      (shift - 1) * this.#halfBuckets +
      (sub - this.#halfBuckets)
    )
  }

  /** [lowest, highest] value that lands in bucket `index`. */
  #bounds(index: number): [number, number] {
    if (index < this.#exactLimit) return [index, index]
    const offset = index - this.#exactLimit
    const shift = Math.floor(offset / this.#halfBuckets) + 1
    const sub = (offset % this.#halfBuckets) + this.#halfBuckets
    const low = sub * 2 ** shift
    return [low, low + 2 ** shift - 1]
  }
}

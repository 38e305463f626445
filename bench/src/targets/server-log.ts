import { createWriteStream, type WriteStream } from 'node:fs'

/** Most warning and error lines kept for the report. */
const keptLines = 20

export interface ServerLogSummary {
  /** Where the whole output went, when it was kept. */
  file: string | null
  lines: number
  warnings: number
  errors: number
  /** The first warning and error lines, for the report. */
  samples: string[]
}

/**
 * Watches a server's output: counts pino's warn (40) and error (50+)
 * lines, keeps the first few, and optionally copies everything to a
 * file. A run with errors in it should say so next to its figures.
 */
export class ServerLog {
  readonly #file: WriteStream | undefined
  readonly #path: string | null
  #lines = 0
  #warnings = 0
  #errors = 0
  readonly #samples: string[] = []

  constructor(path: string | undefined) {
    this.#path = path ?? null
    this.#file = path === undefined ? undefined : createWriteStream(path)
  }

  line(text: string): void {
    this.#lines += 1
    this.#file?.write(`${text}\n`)

    const level = levelOf(text)
    if (level === undefined || level < 40) return
    if (level >= 50) this.#errors += 1
    else this.#warnings += 1
    if (this.#samples.length < keptLines) this.#samples.push(text)
  }

  summary(): ServerLogSummary {
    return {
      file: this.#path,
      lines: this.#lines,
      warnings: this.#warnings,
      errors: this.#errors,
      samples: [...this.#samples],
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.#file) resolve()
      else this.#file.end(resolve)
    })
  }
}

/** pino's numeric level of a JSON log line; undefined for other text. */
export function levelOf(line: string): number | undefined {
  const match = /"level":(\d+)/.exec(line)
  return match ? Number(match[1]) : undefined
}

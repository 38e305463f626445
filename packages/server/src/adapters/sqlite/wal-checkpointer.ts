import { existsSync } from 'node:fs'
import { Worker } from 'node:worker_threads'

import type BetterSqlite3 from 'better-sqlite3'

import type { CheckpointWorkerData } from './checkpoint-worker.js'

/** How often the worker copies the log back; the log stays a few MB. */
const defaultIntervalMs = 250

/** SQLite's own default: checkpoint on commit once the log has 1000 pages. */
const autoCheckpointPages = 1000

export interface WalCheckpointer {
  /** Stops the worker and closes its connection. */
  stop(): Promise<void>
}

export interface CheckpointerOptions {
  /** The compiled worker; found next to the bundle when not given. */
  workerUrl?: URL
  /** Node flags for the worker, e.g. a loader to run it from sources. */
  execArgv?: string[]
  intervalMs?: number
}

/**
 * Moves the file's WAL checkpoints into a worker thread. Until the
 * worker runs, and again if it ever stops, the connection checkpoints on
 * commit as SQLite does by default, so the log never grows unbounded.
 * Without a compiled worker (running from sources) nothing changes.
 */
export function startWalCheckpointer(
  path: string,
  database: BetterSqlite3.Database,
  options: CheckpointerOptions = {},
): WalCheckpointer | undefined {
  const workerUrl = options.workerUrl ?? bundledWorker()
  if (!workerUrl) return undefined

  const data: CheckpointWorkerData = {
    path,
    intervalMs: options.intervalMs ?? defaultIntervalMs,
  }
  const worker = new Worker(workerUrl, {
    workerData: data,
    ...(options.execArgv ? { execArgv: options.execArgv } : {}),
  })
  worker.unref()
  database.pragma('wal_autocheckpoint = 0')

  const exited = new Promise<void>((resolve) => {
    worker.once('exit', () => {
      if (database.open) {
        database.pragma(`wal_autocheckpoint = ${autoCheckpointPages}`)
      }
      resolve()
    })
  })
  // A worker that fails exits too; the exit handler takes over.
  worker.on('error', () => {})

  return {
    stop: async () => {
      worker.postMessage('close')
      await exited
    },
  }
}

/**
 * The worker's bundle: beside the library bundle in dist/, one folder up
 * from the CLI's. Absent when the code runs from src/.
 */
function bundledWorker(): URL | undefined {
  for (const up of ['./', '../']) {
    const url = new URL(`${up}sqlite-checkpoint-worker.js`, import.meta.url)
    if (existsSync(url)) return url
  }
  return undefined
}

import { parentPort, workerData } from 'node:worker_threads'

import Database from 'better-sqlite3'

/** What the node hands the worker when it starts it. */
export interface CheckpointWorkerData {
  path: string
  intervalMs: number
}

// Runs in a worker thread with its own connection to the node's SQLite
// file, so copying the write-ahead log back into the database, and the
// fsync that goes with it, happens beside the event loop instead of
// inside a commit of the sequencer. PASSIVE never takes the write lock:
// the node's writes go on while a checkpoint runs, and a checkpoint
// simply copies less when a reader still needs the frames.
const { path, intervalMs } = workerData as CheckpointWorkerData
const database = new Database(path)
database.pragma('busy_timeout = 1000')

const timer = setInterval(() => {
  try {
    database.pragma('wal_checkpoint(PASSIVE)')
  } catch {
    // A busy file is tried again at the next tick.
  }
}, intervalMs)

parentPort?.on('message', (message: unknown) => {
  if (message !== 'close') return
  clearInterval(timer)
  database.close()
  parentPort?.close()
})

import { execFileSync } from 'node:child_process'

export interface SourceRevision {
  /** Commit checked out when the run started; null outside git. */
  commit: string | null
  /** Whether the server's sources differed from that commit. */
  serverDirty: boolean | null
}

/** The revision the measured server was built from, as far as git knows. */
export function sourceRevision(serverDir: string): SourceRevision {
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: serverDir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
  try {
    return {
      commit: git('rev-parse', 'HEAD'),
      serverDirty: git('status', '--porcelain', '--', '.').length > 0,
    }
  } catch {
    return { commit: null, serverDirty: null }
  }
}

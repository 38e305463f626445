import { existsSync, readFileSync } from 'node:fs'
import { SourceMap } from 'node:module'
import { dirname, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Where a server spends its CPU, from a V8 .cpuprofile (node --cpu-prof):
 * self and inclusive time per function, and self time per module.
 * Bundled code is mapped back to its source file and line through the
 * bundle's source map, so entries point at the file to read.
 */
export interface ProfileSummary {
  file: string
  /** Sampled wall time, ms. */
  totalMs: number
  /** Time the process was idle, waiting for I/O, ms. */
  idleMs: number
  /** By self time: the code that actually ran. */
  topSelf: ProfileEntry[]
  /** By inclusive time: the code and everything it called. */
  topTotal: ProfileEntry[]
  /** Self time per package or source area. */
  byModule: { module: string; selfMs: number; percent: number }[]
}

export interface ProfileEntry {
  function: string
  /** Source file and 1-based line, mapped through source maps. */
  location: string
  module: string
  selfMs: number
  totalMs: number
  /** Shares of the busy (non-idle) time, %. */
  selfPercent: number
  totalPercent: number
}

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
  columnNumber: number
}

interface ProfileNode {
  id: number
  callFrame: CallFrame
  children?: number[]
}

export interface CpuProfile {
  nodes: ProfileNode[]
  samples: number[]
  timeDeltas: number[]
}

interface Site {
  function: string
  location: string
  module: string
}

export interface SummarizeOptions {
  /** Entries per list. @default 15 */
  top?: number
  /** Locations are shown relative to this directory. @default cwd */
  root?: string
}

export function summarizeProfile(
  profile: CpuProfile,
  file: string,
  options: SummarizeOptions = {},
): ProfileSummary {
  const top = options.top ?? 15
  const root = options.root ?? process.cwd()
  const maps = new SourceMaps()
  const parent = new Map<number, number>()
  const sites = new Map<number, Site>()
  for (const node of profile.nodes) {
    for (const child of node.children ?? []) parent.set(child, node.id)
    sites.set(node.id, siteOf(node.callFrame, maps, root))
  }

  // Each sample's time is charged to its node (self) and once to every
  // distinct function on its stack (inclusive, so recursion counts once).
  const self = new Map<string, number>()
  const total = new Map<string, number>()
  const siteByKey = new Map<string, Site>()
  let totalUs = 0
  let idleUs = 0
  profile.samples.forEach((nodeId, i) => {
    const delta = Math.max(0, profile.timeDeltas[i] ?? 0)
    totalUs += delta
    const site = sites.get(nodeId)
    if (!site) return
    if (site.function === '(idle)') {
      idleUs += delta
      return
    }

    const key = keyOf(site)
    siteByKey.set(key, site)
    self.set(key, (self.get(key) ?? 0) + delta)

    const onStack = new Set<string>()
    for (let id: number | undefined = nodeId; id !== undefined; ) {
      const frame = sites.get(id)
      if (frame && !frame.function.startsWith('(root')) {
        const frameKey = keyOf(frame)
        if (!onStack.has(frameKey)) {
          onStack.add(frameKey)
          siteByKey.set(frameKey, frame)
          total.set(frameKey, (total.get(frameKey) ?? 0) + delta)
        }
      }
      id = parent.get(id)
    }
  })

  const busyUs = Math.max(1, totalUs - idleUs)
  const entry = (key: string): ProfileEntry => {
    const site = siteByKey.get(key)!
    const selfUs = self.get(key) ?? 0
    const totalOf = total.get(key) ?? selfUs
    return {
      ...site,
      selfMs: round(selfUs / 1_000),
      totalMs: round(totalOf / 1_000),
      selfPercent: round((selfUs / busyUs) * 100),
      totalPercent: round((totalOf / busyUs) * 100),
    }
  }
  const ranked = (by: Map<string, number>) =>
    [...by]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([key]) => entry(key))

  const modules = new Map<string, number>()
  for (const [key, us] of self) {
    const module = siteByKey.get(key)!.module
    modules.set(module, (modules.get(module) ?? 0) + us)
  }

  return {
    file,
    totalMs: round(totalUs / 1_000),
    idleMs: round(idleUs / 1_000),
    topSelf: ranked(self),
    topTotal: ranked(total),
    byModule: [...modules]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([module, us]) => ({
        module,
        selfMs: round(us / 1_000),
        percent: round((us / busyUs) * 100),
      })),
  }
}

export function readProfile(path: string): CpuProfile {
  return JSON.parse(readFileSync(path, 'utf8')) as CpuProfile
}

function keyOf(site: Site): string {
  return `${site.function}@${site.location}`
}

function siteOf(frame: CallFrame, maps: SourceMaps, root: string): Site {
  const name = frame.functionName || '(anonymous)'
  if (!frame.url) return { function: name, location: '', module: name }
  if (frame.url.startsWith('node:')) {
    return { function: name, location: frame.url, module: 'node (internal)' }
  }

  const path = frame.url.startsWith('file://')
    ? fileURLToPath(frame.url)
    : frame.url
  const mapped = maps.original(path, frame.lineNumber, frame.columnNumber)
  const file = mapped ? mapped.file : path
  const line = mapped ? mapped.line : frame.lineNumber + 1
  return {
    function: name,
    location: `${shorten(file, root)}:${line}`,
    module: moduleOf(file, root),
  }
}

/** The package a file belongs to, or its source folder in this repo. */
export function moduleOf(file: string, root: string): string {
  const packages = file.split('/node_modules/')
  if (packages.length > 1) {
    const rest = packages.at(-1)!.split('/')
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!
  }
  const local = relative(root, file)
  const src = /^(.*?\/src\/[^/]+)\//.exec(local)
  return src ? src[1]! : local
}

function shorten(file: string, root: string): string {
  const packages = file.split('/node_modules/')
  if (packages.length > 1) return packages.at(-1)!
  return relative(root, file)
}

function round(value: number): number {
  return Math.round(value * 10) / 10
}

/** Source maps of bundled files, loaded once each from `<file>.map`. */
class SourceMaps {
  readonly #maps = new Map<string, SourceMap | null>()

  original(
    path: string,
    line: number,
    column: number,
  ): { file: string; line: number } | undefined {
    const map = this.#load(path)
    if (!map || line < 0) return undefined
    const found = map.findEntry(line, Math.max(0, column)) as {
      originalSource?: string
      originalLine?: number
    }
    if (!found.originalSource || found.originalLine === undefined) {
      return undefined
    }
    const source = found.originalSource.startsWith('file://')
      ? fileURLToPath(found.originalSource)
      : resolve(dirname(path), found.originalSource)
    return { file: source, line: found.originalLine + 1 }
  }

  #load(path: string): SourceMap | null {
    let map = this.#maps.get(path)
    if (map === undefined) {
      map = null
      const mapPath = `${path}.map`
      if (path.includes('/dist/') && existsSync(mapPath)) {
        try {
          map = new SourceMap(JSON.parse(readFileSync(mapPath, 'utf8')))
        } catch {
          map = null
        }
      }
      this.#maps.set(path, map)
    }
    return map
  }
}

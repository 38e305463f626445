import { defineConfig } from 'tsup'

// The shared protocol package is bundled so the server has no runtime
// dependency on it being published.
const shared = {
  sourcemap: true,
  target: 'node20',
  noExternal: ['@algochat/protocol'],
} as const

export default defineConfig([
  {
    ...shared,
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    // import.meta.url (used to find public/) needs a shim in CommonJS.
    shims: true,
  },
  {
    ...shared,
    entry: { 'cli/main': 'src/cli/main.ts' },
    format: ['esm'],
  },
  {
    // Its own file: a worker thread starts from a module path. Both the
    // library and the CLI find it at dist/ (see wal-checkpointer.ts).
    ...shared,
    entry: {
      'sqlite-checkpoint-worker': 'src/adapters/sqlite/checkpoint-worker.ts',
    },
    format: ['esm'],
  },
])

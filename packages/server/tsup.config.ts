import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts', 'src/cli/main.ts'],
  format: ['esm'],
  dts: { entry: 'src/index.ts' },
  clean: true,
  sourcemap: true,
  target: 'node20',
  // The shared protocol package is bundled so the server has no build-time
  // dependency on it being published.
  noExternal: ['@algochat/protocol'],
})

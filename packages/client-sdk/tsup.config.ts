import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  // Protocol types are inlined so the published declarations stand alone.
  dts: { resolve: ['@algochat/protocol'] },
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'neutral',
  // The protocol package is a devDependency: bundling its few runtime
  // values keeps the published SDK free of runtime dependencies.
  noExternal: ['@algochat/protocol'],
})

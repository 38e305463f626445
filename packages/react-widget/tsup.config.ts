import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: true,
  target: 'es2022',
  platform: 'browser',
  // React comes from the app; the SDK is a dependency the app's bundler
  // resolves once, so both stay imports.
  external: ['react', '@algochat/client'],
})

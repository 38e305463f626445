import { defineConfig } from 'tsup'

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    // The stylesheet build below writes into dist/ at the same time.
    clean: ['!styles.css'],
    sourcemap: true,
    target: 'es2022',
    platform: 'browser',
    // React comes from the app; the SDK is a dependency the app's bundler
    // resolves once, so both stay imports.
    external: ['react', '@algochat/client'],
    // A rollup pass over esbuild's output gives one import per package
    // instead of one per source file (about 0.3 kB min+gz).
    treeshake: true,
  },
  {
    // esbuild minifies CSS by its grammar, so the space of a descendant
    // selector (`.ac-root :focus-visible`) stays. rollup.config.mjs gives
    // this file to the embed as well.
    entry: { styles: 'src/styles/widget.css' },
    minify: true,
  },
])

import { copyFile, mkdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import alias from '@rollup/plugin-alias'
import nodeResolve from '@rollup/plugin-node-resolve'
import replace from '@rollup/plugin-replace'
import terser from '@rollup/plugin-terser'
import esbuild from 'rollup-plugin-esbuild'

const reactShim = fileURLToPath(
  new URL('./src/embed/react-shim.ts', import.meta.url),
)
const stylesheet = fileURLToPath(
  new URL('./src/styles/widget.css', import.meta.url),
)
// tsup minifies the stylesheet first (see tsup.config.ts); the embed
// takes that file, so the script and embed.css ship the same bytes.
const builtStylesheet = fileURLToPath(
  new URL('./dist/styles.css', import.meta.url),
)
// The demo page of the dev server serves the built script from here.
const demoDir = fileURLToPath(
  new URL('../server/public/dist/', import.meta.url),
)

/** `import css from '../styles/widget.css'` gives the minified text. */
function cssText() {
  return {
    name: 'css-text',
    async load(id) {
      if (id !== stylesheet) return null
      const css = await readFile(builtStylesheet, 'utf8')
      return `export default ${JSON.stringify(css)}`
    },
  }
}

/** Writes embed.css beside the script, then copies both to the demo page. */
function emitFiles() {
  return {
    name: 'emit-files',
    async generateBundle() {
      const source = await readFile(builtStylesheet, 'utf8')
      this.emitFile({ type: 'asset', fileName: 'embed.css', source })
    },
    async writeBundle(options) {
      await mkdir(demoDir, { recursive: true })
      for (const file of ['embed.js', 'embed.css']) {
        await copyFile(`${options.dir}/${file}`, `${demoDir}${file}`)
      }
    },
  }
}

export default {
  input: 'src/embed/embed.ts',
  output: {
    dir: 'dist',
    entryFileNames: 'embed.js',
    format: 'iife',
    generatedCode: 'es2015',
  },
  plugins: [
    alias({
      entries: [
        { find: /^react\/jsx-runtime$/, replacement: 'preact/jsx-runtime' },
        { find: /^react(-dom\/client)?$/, replacement: reactShim },
      ],
    }),
    replace({
      preventAssignment: true,
      values: { 'process.env.NODE_ENV': JSON.stringify('production') },
    }),
    nodeResolve({ browser: true, extensions: ['.mjs', '.js', '.ts', '.tsx'] }),
    cssText(),
    esbuild({ target: 'es2022', jsx: 'automatic', tsconfig: 'tsconfig.json' }),
    terser({
      ecma: 2022,
      compress: { passes: 2 },
      format: { comments: false },
    }),
    emitFiles(),
  ],
}

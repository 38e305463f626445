// Bundles the app with esbuild (through tsup, which the workspace has).
// A real project would use Vite: `npm create vite@latest -- --template
// react-ts`, then `npm i @algochat/client @algochat/react` and the same
// src/ files.
import { fileURLToPath } from 'node:url'
import { build } from 'tsup'

const here = (path) => fileURLToPath(new URL(path, import.meta.url))
const widget = here('../../packages/react-widget/')

export async function buildApp() {
  await build({
    config: false,
    entry: [here('src/main.tsx')],
    outDir: here('dist'),
    format: ['esm'],
    platform: 'browser',
    target: 'es2022',
    noExternal: [/./],
    minify: true,
    outExtension: () => ({ js: '.js' }),
    silent: true,
    esbuildPlugins: [workspacePackage('@algochat/react', widget)],
    esbuildOptions(options) {
      options.jsx = 'automatic'
      // The packages come from the workspace instead of an npm install.
      options.nodePaths = [`${widget}node_modules`]
      options.define = { 'process.env.NODE_ENV': '"production"' }
    },
  })
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildApp()

/** Resolves a workspace package and its subpaths through its exports map. */
function workspacePackage(name, dir) {
  return {
    name: 'workspace-package',
    setup(build) {
      const filter = new RegExp(`^${name.replace('/', '\\/')}(/.*)?$`)
      build.onResolve({ filter }, async (args) => {
        const { exports } = await import(`${dir}package.json`, {
          with: { type: 'json' },
        }).then((module) => module.default)
        const entry = exports[`.${args.path.slice(name.length)}`]
        const target = typeof entry === 'string' ? entry : entry.import.default
        return { path: `${dir}${target.slice(2)}` }
      })
    },
  }
}

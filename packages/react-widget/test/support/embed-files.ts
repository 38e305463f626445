import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'

const dist = new URL('../../dist/', import.meta.url)

/** The built embed script and stylesheet. */
export async function embedFiles(): Promise<{ js: string; css: string }> {
  const js = new URL('embed.js', dist)
  if (!existsSync(fileURLToPath(js))) {
    throw new Error(
      'The embed script is not built: run `pnpm --filter @algochat/react build`',
    )
  }
  return {
    js: await readFile(js, 'utf8'),
    css: await readFile(new URL('embed.css', dist), 'utf8'),
  }
}

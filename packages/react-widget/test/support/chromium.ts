import { existsSync } from 'node:fs'
import { chromium, type Browser } from 'playwright-core'

const executablePath = '/usr/bin/chromium'

/** Debian's Chromium; a missing browser fails the run, it never skips it. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(
      `Chromium is missing at ${executablePath}: run \`bash scripts/engines/engines.sh install-chromium\``,
    )
  }
  return chromium.launch({ executablePath })
}

#!/usr/bin/env node
import { AlgochatError, describeError } from '@algochat/protocol'
import { appCommand, migrateCommand, tokenCommand } from './admin-commands.js'
import { runNode } from './start-command.js'

const usage = `algochat <command> [options]

Commands:
  start     run a server node (embedded defaults, demo page at /)
  worker    run only the sequencer
  migrate   create or upgrade the stores' tables and indexes
  app       create or list apps
  token     mint a development user token

Settings come from defaults, then a JSON file (--config <file> or
ALGOCHAT_CONFIG), then variables, then flags; later ones win.
Run "algochat <command> --help" for a command's options.`

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv
  switch (command) {
    case 'start':
      return runNode(args, 'start')
    case 'worker':
      return runNode(args, 'worker')
    case 'migrate':
      return migrateCommand(args)
    case 'app':
      return appCommand(args)
    case 'token':
      return tokenCommand(args)
    default:
      console.log(usage)
      if (command !== undefined && command !== 'help' && command !== '--help') {
        process.exitCode = 2
      }
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const message =
    error instanceof AlgochatError
      ? `${error.code}: ${describeError(error)}`
      : error instanceof Error
        ? error.message
        : String(error)
  console.error(`algochat: ${message}`)
  process.exit(1)
})

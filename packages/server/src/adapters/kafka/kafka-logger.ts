import { logLevel, type logCreator } from 'kafkajs'
import type { Logger } from 'pino'

/** Routes kafkajs's own log lines into the node's pino logger. */
export function kafkaLogCreator(logger: Logger): logCreator {
  return () =>
    ({ level, log }) => {
      const { message, ...fields } = log
      const child = { ...fields, component: 'kafka' }
      if (level === logLevel.ERROR) logger.error(child, message)
      else if (level === logLevel.WARN) logger.warn(child, message)
      else if (level === logLevel.INFO) logger.debug(child, message)
    }
}

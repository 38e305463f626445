import type { ClientFrameMap, ClientOp } from '@algochat/protocol'
import type { Connection } from '../delivery/connection.js'
import type { ServerContext } from '../server-context.js'

/** Handles one op for one connection; throws AlgochatError to refuse. */
export type Handler<Op extends ClientOp> = (
  context: ServerContext,
  connection: Connection,
  frame: ClientFrameMap[Op],
) => Promise<void>

export type HandlerTable = { [Op in ClientOp]: Handler<Op> }

/** Copies the request's ref onto a reply when the client sent one. */
export function withRef(frame: { ref?: string }): { ref?: string } {
  return frame.ref === undefined ? {} : { ref: frame.ref }
}

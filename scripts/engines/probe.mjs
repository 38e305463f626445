// Readiness probes that speak each engine's wire protocol directly, so that
// engines.sh can tell "port open" from "serving requests" without needing
// the workspace's node_modules.
//
//   node probe.mjs kafka HOST:PORT   Metadata request; ready once a broker
//                                    is registered (unfenced) in the cluster
//   node probe.mjs mongo HOST:PORT   OP_MSG {ping: 1}; ready on ok: 1
//
// Exit 0 when ready, 1 otherwise (with the reason on stderr).
import net from 'node:net'

const [kind, address] = process.argv.slice(2)
const [host, portText] = (address || '').split(':')
const port = Number(portText)

function exchange(request, complete) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port })
    let data = Buffer.alloc(0)
    socket.setTimeout(3000, () => {
      socket.destroy()
      reject(new Error('no answer within 3s'))
    })
    socket.on('error', reject)
    socket.on('connect', () => socket.write(request))
    socket.on('data', (chunk) => {
      data = Buffer.concat([data, chunk])
      if (complete(data)) {
        socket.end()
        resolve(data)
      }
    })
    socket.on('close', () => reject(new Error('connection closed')))
  })
}

// Kafka: Metadata v4 (still served by 4.x brokers) asking for no topics.
async function kafka() {
  const clientId = Buffer.from('engines-probe')
  const body = Buffer.alloc(14 + clientId.length + 5)
  let o = 4
  o = body.writeInt16BE(3, o) // api key: Metadata
  o = body.writeInt16BE(4, o) // api version
  o = body.writeInt32BE(1, o) // correlation id
  o = body.writeInt16BE(clientId.length, o)
  o += clientId.copy(body, o)
  o = body.writeInt32BE(0, o) // topics: empty array, not all topics
  o = body.writeInt8(0, o) // allow_auto_topic_creation
  body.writeInt32BE(o - 4, 0)
  const sized = (d) => d.length >= 4 && d.length >= 4 + d.readInt32BE(0)
  const res = await exchange(body.subarray(0, o), sized)
  // size, correlation id, throttle time, then the brokers array length
  const brokers = res.readInt32BE(12)
  if (brokers < 1) throw new Error('no broker registered yet')
}

// MongoDB wire protocol: OP_MSG with a single body section.
function bsonPing() {
  const parts = [
    Buffer.from([0x10]),
    Buffer.from('ping\0'),
    int32(1),
    Buffer.from([0x02]),
    Buffer.from('$db\0'),
    int32(6),
    Buffer.from('admin\0'),
    Buffer.from([0x00]),
  ]
  const doc = Buffer.concat(parts)
  return Buffer.concat([int32(doc.length + 4), doc])
}

function int32(n) {
  const b = Buffer.alloc(4)
  b.writeInt32LE(n)
  return b
}

// Returns the top-level "ok" value of a BSON document, or undefined.
function okOf(doc) {
  const fixed = {
    0x01: 8,
    0x07: 12,
    0x08: 1,
    0x09: 8,
    0x0a: 0,
    0x10: 4,
    0x11: 8,
    0x12: 8,
    0x13: 16,
  }
  let o = 4
  while (o < doc.length - 1) {
    const type = doc[o++]
    const end = doc.indexOf(0, o)
    const name = doc.toString('utf8', o, end)
    o = end + 1
    if (name === 'ok') {
      if (type === 0x01) return doc.readDoubleLE(o)
      if (type === 0x10) return doc.readInt32LE(o)
      if (type === 0x08) return doc[o]
      return undefined
    }
    if (type in fixed) o += fixed[type]
    else if (type === 0x02) o += 4 + doc.readInt32LE(o)
    else if (type === 0x03 || type === 0x04) o += doc.readInt32LE(o)
    else if (type === 0x05) o += 5 + doc.readInt32LE(o)
    else return undefined
  }
  return undefined
}

async function mongo() {
  const doc = bsonPing()
  const header = Buffer.alloc(21)
  header.writeInt32LE(21 + doc.length, 0)
  header.writeInt32LE(1, 4) // request id
  header.writeInt32LE(0, 8) // response to
  header.writeInt32LE(2013, 12) // OP_MSG
  header.writeUInt32LE(0, 16) // flag bits
  header.writeUInt8(0, 20) // section kind 0: body
  const sized = (d) => d.length >= 4 && d.length >= d.readInt32LE(0)
  const res = await exchange(Buffer.concat([header, doc]), sized)
  if (res.readInt32LE(12) !== 2013) throw new Error('unexpected reply opcode')
  const ok = okOf(res.subarray(21))
  if (ok !== 1) throw new Error(`ping answered ok=${ok}`)
}

const probes = { kafka, mongo }
if (!probes[kind] || !host || !port) {
  console.error('usage: node probe.mjs kafka|mongo HOST:PORT')
  process.exit(2)
}
probes[kind]().then(
  () => process.exit(0),
  (err) => {
    console.error(`${kind} ${address}: ${err.message}`)
    process.exit(1)
  },
)

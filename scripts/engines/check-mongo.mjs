// Smoke test of the local MongoDB wire server (FerretDB) against the mongodb
// driver the server uses: connect, insert, build a unique index, see a
// duplicate rejected with code 11000, find, and ask again for indexes that
// already exist (as the server does at every start).
//
//   node scripts/engines/check-mongo.mjs [url]
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const here = path.dirname(fileURLToPath(import.meta.url))
const server = path.join(here, '..', '..', 'packages', 'server', 'package.json')
const require = createRequire(server)
const { MongoClient } = require('mongodb')

const url =
  process.argv[2] ||
  process.env.MONGO_URL ||
  'mongodb://127.0.0.1:27018/algochat'

async function main() {
  const client = new MongoClient(url, { serverSelectionTimeoutMS: 10000 })
  await client.connect()
  try {
    const db = client.db()
    await db.command({ ping: 1 })
    const name = `engines_check_${Date.now()}_${process.pid}`
    const events = db.collection(name)
    await events.createIndex({ app: 1, room: 1, seq: 1 }, { unique: true })
    await events.insertMany([
      { app: 'a', room: 'r', seq: 1, text: 'one' },
      { app: 'a', room: 'r', seq: 2, text: 'two' },
    ])
    let duplicate = false
    try {
      await events.insertOne({ app: 'a', room: 'r', seq: 2, text: 'again' })
    } catch (err) {
      if (err.code !== 11000) throw err
      duplicate = true
    }
    if (!duplicate) throw new Error('unique index did not reject a duplicate')
    const found = await events
      .find({ app: 'a', room: 'r' })
      .sort({ seq: 1 })
      .toArray()
    const texts = found.map((d) => d.text).join(',')
    if (texts !== 'one,two') throw new Error(`find returned ${texts}`)
    const indexes = [
      { name: 'by_user', key: { app: 1, user: 1, room: 1 }, unique: true },
      { name: 'by_text', key: { app: 1, text: 1 } },
      { name: 'by_room', key: { room: 1 }, sparse: true },
    ]
    await events.createIndexes(indexes.slice(0, 2))
    await events.createIndexes(indexes)
    const names = (await events.indexes()).map((i) => i.name).sort()
    if (!['by_room', 'by_text', 'by_user'].every((n) => names.includes(n))) {
      throw new Error(`createIndexes again left ${names}`)
    }
    await events.drop()
    console.log(`mongo ok: ${url} insert, unique index, find, re-index`)
  } finally {
    await client.close()
  }
}

main().catch((err) => {
  console.error(`mongo check failed: ${err.stack || err}`)
  process.exit(1)
})

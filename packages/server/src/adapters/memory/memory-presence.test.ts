import { describePresenceRegistryContract } from '../presence-registry-contract.js'
import { MemoryPresence } from './memory-presence.js'

describePresenceRegistryContract('memory', {
  open: async () => new MemoryPresence(),
})

import { cleanup } from '@testing-library/react'
import { afterEach } from 'vitest'
import { closeClients } from './render-chat.js'

afterEach(async () => {
  cleanup()
  await closeClients()
})

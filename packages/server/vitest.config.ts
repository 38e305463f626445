import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start real server processes and engines; running
    // files one at a time keeps ports and CPU predictable on small machines.
    fileParallelism: false,
  },
})

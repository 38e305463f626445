import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    // The scale suite (test/scale) needs the engines and has its own
    // config, vitest.scale.config.ts.
    include: ['src/**/*.test.ts', 'test/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration tests start real server processes; running files one at
    // a time keeps ports and CPU predictable on small machines.
    fileParallelism: false,
  },
})

import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

export default defineConfig({
  plugins: [react()],
  // main.tsx reads the server address with a top-level await.
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
})

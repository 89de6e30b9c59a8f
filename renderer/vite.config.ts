import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// One renderer config for both hosts: electron-vite reuses it, and `npm run build:web`
// builds the same bundle for the web-host (browser tests, screenshots).
export const rendererConfig = {
  root: resolve(__dirname),
  base: './',
  plugins: [react()],
  build: {
    outDir: resolve(__dirname, '../out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
};

export default defineConfig(rendererConfig);

import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// One renderer config for both hosts: electron-vite reuses it, and `npm run build:web`
// builds the same bundle for the web-host (browser tests, screenshots).
export const rendererConfig = {
  root: __dirname,
  base: './',
  plugins: [react()],
  build: {
    // Relative to root: the config stays free of Node imports like the rest of renderer/.
    outDir: '../out/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
};

export default defineConfig(rendererConfig);

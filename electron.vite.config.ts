import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
// eslint-disable-next-line no-restricted-imports -- the build is the one place that imports the renderer
import { rendererConfig } from './renderer/vite.config';
import { contentSecurityPolicy } from './shared/csp';

/**
 * The built index.html is loaded from file://, where no response headers exist: carry the
 * desk's CSP as a <meta> tag (build only; the dev server gets it as a header from main).
 */
const cspMetaPlugin = (): Plugin => ({
  name: 'collectdesk-csp-meta',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler: (html) => ({
      html: html.replace(/<meta[^>]+http-equiv=["']Content-Security-Policy["'][^>]*>\s*/gi, ''),
      tags: [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy({ delivery: 'meta' }) },
          injectTo: 'head-prepend',
        },
      ],
    }),
  },
});

// Electron 45: Node 22+/Chromium 140+. Targets are set here rather than guessed from the
// electron package, which electron-vite only knows up to its own release.
const NODE_TARGET = 'node22';
const CHROME_TARGET = 'chrome140';

export default defineConfig({
  main: {
    build: {
      target: NODE_TARGET,
      outDir: resolve(__dirname, 'out/main'),
      // Native and ESM-only runtime deps stay in node_modules (better-sqlite3 is rebuilt for
      // Electron by electron-builder and unpacked from the asar).
      externalizeDeps: { include: ['better-sqlite3', 'electron-store', 'electron-log'] },
      rollupOptions: { input: { index: resolve(__dirname, 'electron/main/index.ts') } },
    },
  },
  preload: {
    build: {
      target: NODE_TARGET, // electron-vite requires a node target for preload scripts
      outDir: resolve(__dirname, 'out/preload'),
      // A sandboxed preload can require only 'electron': bundle everything else.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'electron/preload/index.ts') },
        external: ['electron'],
        output: { format: 'cjs', entryFileNames: '[name].js' },
      },
    },
  },
  renderer: {
    ...rendererConfig,
    plugins: [...rendererConfig.plugins, cspMetaPlugin()],
    build: {
      ...rendererConfig.build,
      // electron-vite resolves a relative outDir against the project root, not renderer/
      outDir: resolve(__dirname, 'out/renderer'),
      target: CHROME_TARGET,
      // the renderer's own chunking options stay; only the entry is made absolute here
      rolldownOptions: { ...rendererConfig.build.rolldownOptions, input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});

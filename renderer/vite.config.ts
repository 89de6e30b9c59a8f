import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { compileHints } from './build/compile-hints';

/**
 * Libraries in chunks of their own (react, i18n, antd, antd's building blocks, the rest), so
 * an app change leaves them byte-identical and each library's share of the first paint is
 * readable. `$initial`: only what the first screen imports statically is grouped; what only a
 * lazy part uses (the lead's table, the drawers) stays in that part's chunk.
 */
const initial: '$initial'[] = ['$initial'];
const vendorGroups = [
  { name: 'react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/, priority: 50 },
  { name: 'i18n', test: /[\\/]node_modules[\\/](i18next|react-i18next)[\\/]/, priority: 40 },
  // before antd: a group also takes the modules its members import, and antd imports these
  { name: 'antd-parts', test: /[\\/]node_modules[\\/](@ant-design|@rc-component)[\\/]/, priority: 30, tags: initial },
  { name: 'antd', test: /[\\/]node_modules[\\/]antd[\\/]/, priority: 20, tags: initial },
  { name: 'vendor', test: /[\\/]node_modules[\\/]/, priority: 10, tags: initial },
  // The lead's dashboard charts (lazy, never on the first screen): ECharts and its renderer apart, each under the limit.
  { name: 'echarts', test: /[\\/]node_modules[\\/]echarts[\\/]/, priority: 60 },
  { name: 'zrender', test: /[\\/]node_modules[\\/]zrender[\\/]/, priority: 70 },
];

// One renderer config for both hosts: electron-vite reuses it, and `npm run build:web`
// builds the same bundle for the web-host (browser tests, screenshots).
export const rendererConfig = {
  root: __dirname,
  base: './',
  plugins: [react(), compileHints],
  build: {
    // Relative to root: the config stays free of Node imports like the rest of renderer/.
    outDir: '../out/renderer',
    emptyOutDir: true,
    // Vite's default (kB, minified), stated on purpose: with the groups above the largest chunks
    // are antd's and its parts' first-paint shares (~460 and ~430 kB; lint keeps every antd import
    // deep, so a lazy part's components stay in its chunk). A lazy part made eager, or a big
    // library added to a group, pushes a chunk past it and the build says so.
    chunkSizeWarningLimit: 500,
    rolldownOptions: {
      output: { codeSplitting: { groups: vendorGroups } },
    },
  },
};

export default defineConfig(rendererConfig);

import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The panel is served under HA's ingress prefix, which only the browser knows: every asset URL is
// relative (`base: './'`) and the server may add a `<base href>` from X-Ingress-Path.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  // Standard decorators and `accessor` fields are not in any browser yet: lower them while
  // stripping types, before Rollup parses the module.
  esbuild: { target: 'es2022' },
  build: {
    outDir: '../dist/panel',
    emptyOutDir: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
  },
});

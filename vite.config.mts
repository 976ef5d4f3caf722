import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import path from 'node:path';

export default defineConfig({
  root: path.resolve(import.meta.dirname, 'renderer'),
  // Relative URLs so the same bundle loads from the Electron app protocol and from browser mode.
  base: './',
  plugins: [react()],
  build: {
    outDir: path.resolve(import.meta.dirname, 'dist/renderer'),
    emptyOutDir: true,
    sourcemap: true,
    // Inline nothing: the CSP forbids data: scripts and styles are served as files.
    assetsInlineLimit: 0,
  },
});

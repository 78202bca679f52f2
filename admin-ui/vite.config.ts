import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const adminUiDir = path.dirname(fileURLToPath(import.meta.url));

// The express API serves the built files at /admin/ (see api/app.ts).
export default defineConfig({
  root: adminUiDir,
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: path.join(adminUiDir, 'dist'),
    emptyOutDir: true,
    // react-admin and MUI make one large vendor chunk; it is cached and only staff load it.
    chunkSizeWarningLimit: 2000,
    reportCompressedSize: false,
  },
  server: {
    // In `vite dev`, forward API calls to a locally running `npm run api`.
    proxy: { '/api': 'http://localhost:3000' },
  },
});

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { reactAdminMui9Compat, reactAdminMui9CompatEsbuild } from './ra-mui9-compat';

const adminUiDir = path.dirname(fileURLToPath(import.meta.url));

// The express API serves the built files at /admin/ (see api/app.ts).
export default defineConfig({
  root: adminUiDir,
  base: '/admin/',
  plugins: [reactAdminMui9Compat(), react()],
  optimizeDeps: { esbuildOptions: { plugins: [reactAdminMui9CompatEsbuild] } },
  build: {
    outDir: path.join(adminUiDir, 'dist'),
    emptyOutDir: true,
    // react-admin and MUI make one large vendor chunk; it is cached and only staff load it.
    chunkSizeWarningLimit: 2000,
    reportCompressedSize: false,
  },
  server: {
    // `npm run dev:admin` (hot reload): API calls go to the API of a running `npm start` (or `npm run api`).
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 3000}` },
  },
});

import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

export interface AdminBuild {
  /** `production` (what `npm start` serves) or `development` (React's warnings on, for the browser tests). */
  mode: 'production' | 'development';
  /** Absolute output directory; `admin-ui/dist` by default. */
  outDir?: string;
}

export const ADMIN_DIST = (root: string) => path.join(root, 'admin-ui', 'dist');

/**
 * Builds the admin app when its sources are newer than the last build (a build takes ~20 s). Runs
 * in a child process, so `npm start` provisions PostgreSQL and Temporal meanwhile.
 */
export async function buildAdminIfStale(root: string, say: (line: string) => void, build: AdminBuild = { mode: 'production' }): Promise<void> {
  const adminDir = path.join(root, 'admin-ui');
  const outDir = build.outDir ?? ADMIN_DIST(root);
  // The mode is recorded beside the build: a development build left by an earlier start is never served as current.
  const marker = path.join(outDir, '.build-mode');
  const builtAt = fs.existsSync(marker) && fs.readFileSync(marker, 'utf8') === build.mode ? fs.statSync(marker).mtimeMs : 0;
  if (builtAt > newestMtime(adminDir)) return;
  say(`Building the admin app (vite, ${build.mode})…`);
  const vite = spawn(
    path.join(root, 'node_modules', '.bin', 'vite'),
    ['build', '--config', 'admin-ui/vite.config.ts', '--mode', build.mode, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    // Vite builds React's development bundle whenever NODE_ENV=development reaches it, whatever the mode.
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: build.mode } },
  );
  const status = await new Promise<number | null>((resolve, reject) => vite.on('error', reject).on('exit', resolve));
  if (status !== 0) throw new Error(`The admin app did not build (vite's output is above); fix it or run npm run build:admin to see the error again.`);
  fs.writeFileSync(marker, build.mode);
}

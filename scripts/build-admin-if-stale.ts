import { spawnSync } from 'node:child_process';
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

/** Builds the admin app when its sources are newer than the last build (a build takes ~20 s). */
export function buildAdminIfStale(root: string, say: (line: string) => void): void {
  const adminDir = path.join(root, 'admin-ui');
  const builtIndex = path.join(adminDir, 'dist', 'index.html');
  const builtAt = fs.existsSync(builtIndex) ? fs.statSync(builtIndex).mtimeMs : 0;
  if (builtAt > newestMtime(adminDir)) return;
  say('Building the admin app (vite)…');
  const result = spawnSync('npx', ['vite', 'build', '--config', 'admin-ui/vite.config.ts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error('the admin app did not build (see the output above)');
}

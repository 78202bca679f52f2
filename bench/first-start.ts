// The first start as a newcomer meets it: `git clone` this repository into a directory (root's home
// by default), `npm ci`, then `npm start` with an empty .tools/ (the Temporal CLI is fetched), no
// pip cache, no `temporal` on PATH and (as root) no PostgreSQL binary cache, until /readyz answers 200
// and `npm start` has announced the stack (the admin app built). Prints each phase's seconds and the
// machine line, stops the start with SIGINT and removes the clone (and, as root, its relocated cluster).
//
//   npx tsx bench/first-start.ts [--parent DIR] [--keep]
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT_POSTGRES_CACHE } from '../platform/embedded-postgres';
import { freePort } from '../platform/processes';
import { machineLine } from './lib/machine';

const ROOT = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const parent = args.includes('--parent') ? path.resolve(args[args.indexOf('--parent') + 1]) : os.homedir();
const keep = args.includes('--keep');

const seconds = (since: number) => ((Date.now() - since) / 1000).toFixed(1);

function timed(command: string, argv: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): number {
  const started = Date.now();
  execFileSync(command, argv, { ...options, stdio: 'inherit' });
  return (Date.now() - started) / 1000;
}

async function main() {
  const clone = path.join(parent, `yorisoi-first-start-${process.pid}`);
  console.log(`machine: ${machineLine()}`);
  console.log(`clone: ${clone} (parent mode ${(fs.statSync(parent).mode & 0o777).toString(8)}, uid ${process.getuid?.()})`);
  const cloneSeconds = timed('git', ['clone', '--quiet', ROOT, clone], { cwd: parent });
  const ciSeconds = timed('npm', ['ci', '--no-audit', '--no-fund'], { cwd: clone });

  // A shell that never ran the project: no TEMPORAL_CLI, no `temporal` on PATH, no pip cache.
  const { TEMPORAL_CLI: _t, NODE_ENV: _n, DATA_DIR: _d, DATABASE_URL: _u, TEMPORAL_ADDRESS: _a, ...shell } = process.env;
  const pathWithoutTemporal = (shell.PATH ?? '').split(path.delimiter).filter((dir) => !fs.existsSync(path.join(dir, 'temporal'))).join(path.delimiter);
  const env: NodeJS.ProcessEnv = {
    ...shell,
    PATH: pathWithoutTemporal,
    PIP_NO_CACHE_DIR: '1',
    // Free ports, so other starts on this machine do not collide; the defaults behave the same.
    PORT: String(await freePort()),
    EMBEDDED_PG_PORT: String(await freePort()),
    TEMPORAL_PORT: String(await freePort()),
    TEMPORAL_UI_PORT: String(await freePort()),
    LINE_STAND_IN_PORT: String(await freePort()),
  };
  // As root the PostgreSQL binaries are copied once to a cache outside the clone: a first start has none.
  if (process.getuid?.() === 0) fs.rmSync(ROOT_POSTGRES_CACHE, { recursive: true, force: true });
  const started = Date.now();
  let announcedSeconds: string | undefined;
  const start: ChildProcess = spawn('npm', ['start'], { cwd: clone, env, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  start.stdout!.on('data', (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      console.log(`${seconds(started).padStart(6)} s  ${line}`);
      if (line.includes('Yorisoi is up')) announcedSeconds = seconds(started);
    }
  });
  let exited = false;
  start.on('exit', () => (exited = true));
  let readySeconds: string | undefined;
  const deadline = Date.now() + 30 * 60_000;
  while (!exited && Date.now() < deadline) {
    const ok = await fetch(`http://127.0.0.1:${env.PORT}/readyz`, { signal: AbortSignal.timeout(2_000) }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) readySeconds ??= seconds(started);
    if (readySeconds && announcedSeconds) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  process.kill(-start.pid!, 'SIGINT');
  await new Promise((r) => (exited ? r(undefined) : start.on('exit', r)));
  console.log(`\ngit clone ${cloneSeconds.toFixed(1)} s · npm ci ${ciSeconds.toFixed(1)} s · npm start to /readyz 200: ${readySeconds ? `${readySeconds} s` : 'never'} · to "Yorisoi is up" (admin app built): ${announcedSeconds ? `${announcedSeconds} s` : 'never'}`);
  console.log(`machine: ${machineLine()}`);
  if (!keep) {
    const cluster = path.join(clone, '.data', 'postgres', 'cluster');
    if (fs.lstatSync(cluster, { throwIfNoEntry: false })?.isSymbolicLink()) fs.rmSync(fs.readlinkSync(cluster), { recursive: true, force: true });
    fs.rmSync(clone, { recursive: true, force: true });
  }
  process.exit(readySeconds && announcedSeconds ? 0 : 1);
}

void main();

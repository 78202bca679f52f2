import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDb, Db, ensureDatabase, migrateLatest } from '../../platform/db';
import { freePort } from '../../platform/processes';
import { eventually } from './eventually';

/**
 * A PostgreSQL of the test's own, migrated, that the test can stop and start again under a running
 * API and worker (same data directory and port), as an operator restarting the database would.
 */
export async function startRestartablePostgres(): Promise<{ db: Db; url: string; stop(): Promise<void>; start(): Promise<void>; drop(): Promise<void> }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yorisoi-pg-restart-'));
  fs.chmodSync(dir, 0o755);
  const port = await freePort();
  let child: ChildProcess | undefined;
  let adminUrl = '';
  const start = async () => {
    const proc = spawn(process.execPath, [require.resolve('tsx/cli'), path.join(__dirname, 'postgres-process.ts'), dir, String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = proc;
    adminUrl = await new Promise<string>((resolve, reject) => {
      let out = '';
      let err = '';
      proc.stdout?.on('data', (chunk) => {
        out += String(chunk);
        const match = /ready (\S+)/.exec(out);
        if (match) resolve(match[1]);
      });
      proc.stderr?.on('data', (chunk) => (err += String(chunk)));
      proc.on('exit', (code) => reject(new Error(`PostgreSQL process exited (${code}): ${err.slice(-2000)}`)));
    });
  };
  const stop = async () => {
    const proc = child;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    });
    // Under root the server runs as the `postgres` user and may outlive our process by a moment:
    // it is down once it has removed its pid file.
    await eventually(async () => {
      if (fs.existsSync(path.join(dir, 'cluster', 'postmaster.pid'))) throw new Error('PostgreSQL is still shutting down');
    }, 30_000, 100);
  };
  await start();
  await ensureDatabase(adminUrl, 'yorisoi');
  const url = new URL(adminUrl);
  url.pathname = '/yorisoi';
  const db = createDb(url.toString());
  await migrateLatest(db);
  return {
    db,
    url: url.toString(),
    stop,
    start,
    drop: async () => {
      await db.destroy();
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type RestartablePostgres = Awaited<ReturnType<typeof startRestartablePostgres>>;

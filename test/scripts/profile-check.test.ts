import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse, stringify } from 'yaml';
import { EXAMPLE_PROFILE } from '../helpers/test-stack';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

/** Runs `npm run profile:check`'s entry point in a child process. */
const check = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'scripts/profile-check.ts', ...args], { cwd: ROOT, encoding: 'utf8' });

describe('npm run profile:check', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yorisoi-profile-check-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('names every problem of a broken profile by its key and exits 1', async () => {
    const broken = parse(fs.readFileSync(EXAMPLE_PROFILE, 'utf8'));
    delete broken.texts.greeting;
    broken.businessHours.close = '7時';
    const file = path.join(dir, 'broken.yaml');
    fs.writeFileSync(file, stringify(broken));
    const failure = await check(file).then(
      () => undefined,
      (err: { code: number; stderr: string }) => err,
    );
    expect(failure?.code).toBe(1);
    const lines = failure!.stderr.trim().split('\n');
    expect(lines[0]).toBe(`2 problem(s) in ${file}:`);
    expect(lines).toContainEqual(expect.stringMatching(/^texts\.greeting: /));
    expect(lines).toContainEqual(expect.stringMatching(/^businessHours\.close: expected a time as HH:MM/));
  });

  it('passes the second example city and shows the hours residents will be told', async () => {
    const { stdout } = await check('profiles/example-kawabe.yaml');
    expect(stdout).toContain('OK profiles/example-kawabe.yaml: かわべ町 ひとりじゃないよチャット (かわべ町)');
    expect(stdout).toContain('staff hours: 月〜土曜日8時30分〜17時15分（祝日・年末年始・8月13日〜8月15日を除く）');
  });

  it('says when the file cannot be read', async () => {
    await expect(check(path.join(dir, 'missing.yaml'))).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('cannot read the file: ENOENT') });
  });
});

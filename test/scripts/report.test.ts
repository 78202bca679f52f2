import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { parsePeriod } from '../../api/reports/report-model';
import { reportCalendar } from '../../api/reports/report-service';
import { loadProfile } from '../../platform/config/profile';
import { insertReportFixture } from '../helpers/report-fixtures';
import { createTestDatabase } from '../helpers/test-database';
import { EXAMPLE_PROFILE } from '../helpers/test-stack';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');

/** Runs `npm run report`'s entry point in a child process. */
function report(env: Record<string, string | undefined>, ...args: string[]) {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  return run(process.execPath, ['--import', 'tsx', 'scripts/report.ts', ...args], { cwd: ROOT, env: { ...rest, ...env } as NodeJS.ProcessEnv, encoding: 'utf8' });
}

describe('npm run report (scheduled exports)', () => {
  it('fails clearly without DATABASE_URL, without a period or with an unknown format', async () => {
    await expect(report({}, '--from', '2026-04-01', '--to', '2026-06-30')).rejects.toMatchObject({ code: 78, stderr: expect.stringContaining('DATABASE_URL must be set') });
    await expect(report({}, '--from', '2026-04-01')).rejects.toMatchObject({ code: 64, stderr: expect.stringContaining('--from and --to are required') });
    await expect(report({}, '--from', '2026-04-01', '--to', '2026-06-30', '--format', 'pdf')).rejects.toMatchObject({ code: 64 });
  });

  it('writes the XLSX (or CSV) for the period, says where, and audits the export', async () => {
    const database = await createTestDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yorisoi-report-cli-'));
    try {
      const profile = loadProfile(EXAMPLE_PROFILE);
      await insertReportFixture(database.db, {
        seed: 3,
        from: '2026-04-01',
        to: '2026-06-30',
        residents: 30,
        consultingShare: 0.6,
        consultationsPerConsulter: 1.5,
        turnsPerConsultation: 3,
        personShare: 0.3,
        calendar: reportCalendar(profile, parsePeriod('2026-04-01', '2026-06-30')),
      });
      const out = path.join(dir, 'fy.xlsx');
      const env = { DATABASE_URL: database.url, MUNICIPALITY_PROFILE: EXAMPLE_PROFILE };
      const { stdout } = await report(env, '--from', '2026-04-01', '--to', '2026-06-30', '--format', 'xlsx', '--out', out);
      expect(stdout).toContain(`Wrote ${out}`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(out);
      const monthly = workbook.getWorksheet('月別の利用状況')!;
      expect(monthly.getCell(7, 1).value).toBe('合計');
      expect(monthly.getCell(7, 2).value).toBe(30);

      const csv = await report(env, '--from', '2026-05-01', '--to', '2026-05-31', '--format', 'csv', '--out', path.join(dir, 'may.csv'));
      expect(csv.stdout).toContain('may.csv');
      expect(fs.readFileSync(path.join(dir, 'may.csv')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));

      const audit = await database.db('audit_log').where({ action: 'report.export' }).orderBy('id');
      expect(audit.map((a) => a.details)).toEqual([
        { format: 'xlsx', from: '2026-04-01', to: '2026-06-30', via: 'cli' },
        { format: 'csv', from: '2026-05-01', to: '2026-05-31', via: 'cli' },
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      await database.drop();
    }
  }, 60_000);
});

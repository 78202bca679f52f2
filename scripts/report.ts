/**
 * Writes the officials' report for a period to a file, for scheduled exports:
 *
 *   npm run report -- --from 2026-04-01 --to 2027-03-31 --format xlsx [--out report.xlsx]
 *
 * Reads DATABASE_URL (required: this runs against the service's database, never a new embedded one)
 * and MUNICIPALITY_PROFILE (default profiles/example.yaml). Prints the path it wrote. The export is
 * audited like a download from the admin app, with no signed-in person (actor empty, details.via 'cli').
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { recordAudit } from '../api/audit/audit-log';
import { reportFileName, reportToCsv, reportToXlsx } from '../api/reports/report-export';
import { PeriodError } from '../api/reports/report-model';
import { produceReport } from '../api/reports/report-service';
import { ConfigError } from '../platform/config/errors';
import { loadProfile } from '../platform/config/profile';
import { createDb } from '../platform/db';

const USAGE = 'usage: npm run report -- --from YYYY-MM-DD --to YYYY-MM-DD [--format xlsx|csv] [--out FILE]';

function fail(message: string, code = 64): never {
  console.error(message);
  process.exit(code);
}

async function main() {
  let values: { from?: string; to?: string; format?: string; out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string', default: 'xlsx' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }));
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (!values.from || !values.to) fail(`--from and --to are required.\n${USAGE}`);
  if (values.format !== 'xlsx' && values.format !== 'csv') fail(`--format must be xlsx or csv, not "${values.format}".\n${USAGE}`);
  const databaseUrl = process.env.DATABASE_URL?.trim();
  if (!databaseUrl) fail('DATABASE_URL must be set to the service database (postgres://…): the report reads its data there.', 78);

  let profile;
  try {
    profile = loadProfile(process.env.MUNICIPALITY_PROFILE || 'profiles/example.yaml');
  } catch (err) {
    if (err instanceof ConfigError) fail(err.message, 78);
    throw err;
  }
  const format = values.format;
  const db = createDb(databaseUrl, { min: 0, max: 4 });
  try {
    const report = await produceReport(db, profile, values.from, values.to);
    const body = format === 'csv' ? Buffer.from(reportToCsv(report), 'utf8') : await reportToXlsx(report);
    const out = path.resolve(values.out ?? reportFileName(report, format));
    fs.mkdirSync(path.dirname(out), { recursive: true });
    fs.writeFileSync(out, body);
    await recordAudit(db, null, { action: 'report.export', details: { format, from: report.period.from, to: report.period.to, via: 'cli' } });
    console.log(`Wrote ${out} (${format}, ${report.period.from} – ${report.period.to}, ${body.length.toLocaleString('en')} bytes).`);
  } catch (err) {
    if (err instanceof PeriodError) fail(err.message);
    throw err;
  } finally {
    await db.destroy();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

/**
 * Checks a city's municipality profile before it is deployed, with the loader the service starts with:
 *
 *   npm run profile:check [file]     (default: $MUNICIPALITY_PROFILE, else profiles/example.yaml)
 *
 * Prints each problem on its own line, led by its key (`businessHours.open: expected a time …`), and
 * exits 1; a valid profile prints what residents will be told and exits 0.
 */
import path from 'node:path';
import { ConfigError } from '../platform/config/errors';
import { loadProfile } from '../platform/config/profile';
import { describeStaffHours } from '../workflows/calendar/staff-hours';

const file = process.argv[2] ?? process.env.MUNICIPALITY_PROFILE ?? 'profiles/example.yaml';

try {
  const profile = loadProfile(file);
  console.log(`OK ${path.relative(process.cwd(), path.resolve(file)) || file}: ${profile.municipality.serviceName} (${profile.municipality.name})`);
  console.log(`  staff hours: ${describeStaffHours(profile, 'ja')}`);
  console.log(`  crisis lines: ${profile.crisisLines.map((l) => `${l.name} ${l.phone}`).join(', ')}`);
  console.log(`  partners: ${profile.partners.map((p) => p.name).join(', ') || '(none)'}`);
  console.log(`  languages: ja (complete, the fallback)${Object.entries(profile.languages).map(([code, l]) => `, ${code} ${l.name}`).join('')}`);
} catch (err) {
  if (!(err instanceof ConfigError)) throw err;
  console.error(`${err.problems.length} problem(s) in ${file}:`);
  for (const problem of err.problems) console.error(problem);
  process.exitCode = 1;
}

/**
 * Nudges over a generated year, for tuning a profile.   npx tsx bench/nudge-year.ts [profile.yaml] [--seed N]
 *
 * Residents (seeded, no servers) talk in consultations spread over fiscal year 2027 (more at night,
 * some of them heavy); after each turn the pure nudge policy (workflows/nudges/nudge-policy.ts) decides
 * with the profile's `nudges` settings and business hours, counting offers and refusals across each
 * resident's consultations as the workflow does. Each offer is answered by an assumed resident
 * behaviour (printed below: these are assumptions, not measurements); the figures show what the caps,
 * cooldown and turn count make of it: offers and acceptance by trigger, and why offers were held back.
 */
import path from 'node:path';
import { japaneseHolidays } from '../activities/calendar/holidays';
import { loadProfile } from '../platform/config/profile';
import { tokyoInstant } from '../workflows/calendar/business-calendar';
import { calendarFromProfile } from '../workflows/calendar/calendar-from-profile';
import { decideNudge, type NudgeNoneReason, type NudgeSettings, type NudgeTrigger, type NudgeTriggerKind } from '../workflows/nudges/nudge-policy';
import type { RiskLevel } from '../workflows/safety/risk-levels';
import { Rand } from '../test/helpers/report-fixtures';
import { machineLine } from './lib/machine';

const args = process.argv.slice(2);
const seedAt = args.indexOf('--seed');
const seed = seedAt >= 0 ? Number(args[seedAt + 1]) : 20270401;
const profilePath = path.resolve(args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--seed') ?? 'profiles/example.yaml');
const profile = loadProfile(profilePath);
const calendar = calendarFromProfile(profile.businessHours, japaneseHolidays(2026, 2029));
const settings: NudgeSettings = { ...profile.nudges, partners: profile.partners.map(({ id, topics }) => ({ id, topics })), staffPickupMinutes: profile.escalation.staffPickupMinutes };

// Assumed residents (change here to explore): how many, how often they come back, how long they talk.
const RESIDENTS = 400;
const CONSULTATIONS_PER_RESIDENT = 3; // mean, geometric
const TURNS_PER_CONSULTATION = 9; // mean, geometric
const MINUTES_PER_TURN = 3;
const HEAVY_SHARE = 0.25; // consultations where medium risk appears at some turn
/** Chance an offer is taken (now, or reserved when closed), by trigger; otherwise declined half the time, else ignored. */
const TAKE: Record<NudgeTriggerKind, number> = { turn: 0.15, risk: 0.35, topic: 0.25, 'silence-check-in': 0.2 };
const RESERVE_FACTOR = 0.6; // a reservation is taken less often than a person now
const DECLINE_SHARE = 0.5;
const HOUR_WEIGHTS = Array.from({ length: 24 }, (_, h) => [h, h >= 20 || h < 2 ? 3 : h >= 9 && h < 18 ? 1.2 : h < 7 ? 0.5 : 1] as const);
const TOPICS = profile.intake.questions.find((q) => q.id === 'topic')?.options.map((o) => o.value) ?? ['other'];

const rand = new Rand(seed);
const yearStart = tokyoInstant('2027-04-01', '00:00');
const DAY = 86_400_000;
const HOUR = 3_600_000;

const offered = new Map<string, number>();
const outcome = new Map<string, number>();
const held = new Map<NudgeNoneReason, number>();
const bump = <K>(m: Map<K, number>, k: K) => m.set(k, (m.get(k) ?? 0) + 1);
let consultations = 0;
let turns = 0;
let maxPerResidentWeek = 0;

for (let r = 0; r < RESIDENTS; r += 1) {
  const topic = rand.pick(TOPICS);
  const residentOffersMs: number[] = [];
  let lastRefusalMs: number | undefined;
  const starts = Array.from({ length: rand.count(CONSULTATIONS_PER_RESIDENT) }, () => {
    const day = rand.int(0, 364);
    return yearStart + day * DAY + rand.weighted(HOUR_WEIGHTS) * HOUR + rand.int(0, 59) * 60_000;
  }).sort((a, b) => a - b);
  for (const start of starts) {
    consultations += 1;
    const heavyAt = rand.chance(HEAVY_SHARE) ? rand.int(1, TURNS_PER_CONSULTATION) : -1;
    const consultationOffersMs: number[] = [];
    const offeredTopics: string[] = [];
    let turnsSinceLastOffer = 0;
    let personRequested = false;
    let peak: RiskLevel = 'none';
    const n = rand.count(TURNS_PER_CONSULTATION);
    for (let t = 1; t <= n && !personRequested; t += 1) {
      turns += 1;
      turnsSinceLastOffer += 1;
      const now = start + t * MINUTES_PER_TURN * 60_000;
      const risk: RiskLevel = t === heavyAt ? 'medium' : 'none';
      if (risk === 'medium') peak = 'medium';
      const state = { consultationOffersMs, residentOffersMs, turnsSinceLastOffer, lastRefusalMs, personRequested, contactConsent: false, peakRiskLevel: peak, offeredTopics };
      // The workflow's order: risk, then topic (from the third turn), then turns; the first offer wins.
      const triggers: NudgeTrigger[] = [{ kind: 'risk', level: risk, replyable: true }, ...(t >= 3 ? [{ kind: 'topic' as const, topics: [topic], replyable: true }] : []), { kind: 'turn', replyable: true }];
      const decisions = triggers.map((trigger) => decideNudge(state, trigger, settings, now, calendar));
      const offer = decisions.find((d) => d.kind === 'offer');
      if (!offer || offer.kind !== 'offer') {
        // A turn whose offer a cap or the cooldown held back (counted once, by the first trigger's reason).
        const capped = decisions.find((d) => d.kind === 'none' && ['refusal-cooldown', 'consultation-cap', 'daily-cap', 'weekly-cap'].includes(d.reason));
        if (capped?.kind === 'none') bump(held, capped.reason);
        continue;
      }
      consultationOffersMs.push(now);
      residentOffersMs.push(now);
      offeredTopics.push(...(offer.matchedTopics ?? []));
      turnsSinceLastOffer = 0;
      bump(offered, offer.trigger);
      const take = TAKE[offer.trigger] * (offer.openNow ? 1 : RESERVE_FACTOR);
      if (rand.chance(take)) {
        bump(outcome, `${offer.trigger}:${offer.openNow ? 'accepted' : 'reserved'}`);
        personRequested = true;
      } else if (rand.chance(DECLINE_SHARE)) {
        bump(outcome, `${offer.trigger}:declined`);
        lastRefusalMs = now + 60_000;
      }
      const inWeek = residentOffersMs.filter((x) => x > now - 7 * DAY).length;
      maxPerResidentWeek = Math.max(maxPerResidentWeek, inWeek);
    }
  }
}

const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(1)}%` : '－');
const quiet = args.includes('--quiet');
const kinds: NudgeTriggerKind[] = ['turn', 'risk', 'topic'];
const totals = { offered: 0, accepted: 0, reserved: 0, declined: 0 };
if (!quiet) {
  console.log(`Nudges over a generated year (FY2027), profile ${path.relative(process.cwd(), profilePath)}, seed ${seed}`);
  console.log(`settings: afterTurns ${settings.afterTurns}, minRiskLevel ${settings.minRiskLevel}, refusalCooldownHours ${settings.refusalCooldownHours}, maxPerDay ${settings.maxPerDay}, maxPerWeek ${settings.maxPerWeek ?? '—'}, maxPerConsultation ${settings.maxPerConsultation}, quietHours ${settings.quietHours.from}–${settings.quietHours.to}, staff ${profile.businessHours.open}–${profile.businessHours.close}`);
  console.log(`assumed residents: ${RESIDENTS}, ~${CONSULTATIONS_PER_RESIDENT} consultations each, ~${TURNS_PER_CONSULTATION} turns each, ${HEAVY_SHARE * 100}% heavy; take an offer: ${kinds.map((k) => `${k} ${TAKE[k] * 100}%`).join(', ')} (×${RESERVE_FACTOR} when closed), decline ${DECLINE_SHARE * 100}% of the rest`);
  console.log(`generated: ${consultations} consultations, ${turns} turns`);
  console.log('trigger   offered  accepted  reserved  declined  acceptance (accepted+reserved / offered)');
}
for (const k of kinds) {
  const o = offered.get(k) ?? 0;
  const a = outcome.get(`${k}:accepted`) ?? 0;
  const rs = outcome.get(`${k}:reserved`) ?? 0;
  const d = outcome.get(`${k}:declined`) ?? 0;
  totals.offered += o;
  totals.accepted += a;
  totals.reserved += rs;
  totals.declined += d;
  if (!quiet) console.log(`${k.padEnd(8)}  ${String(o).padStart(7)}  ${String(a).padStart(8)}  ${String(rs).padStart(8)}  ${String(d).padStart(8)}  ${pct(a + rs, o)}`);
}
console.log(
  `total     ${String(totals.offered).padStart(7)}  ${String(totals.accepted).padStart(8)}  ${String(totals.reserved).padStart(8)}  ${String(totals.declined).padStart(8)}  ${pct(totals.accepted + totals.reserved, totals.offered)}`,
);
if (!quiet) {
  console.log(`turns whose offer was held back by: ${[...held].map(([k, v]) => `${k} ${v}`).join(', ') || 'nothing'}; most offers to one resident in 7 days: ${maxPerResidentWeek}`);
}
console.log(machineLine());

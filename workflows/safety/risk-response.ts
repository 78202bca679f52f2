import { isAtLeast, RiskCategory, RiskLevel } from './risk-levels';

/** A phone line as residents see it; the numbers always come from the municipality profile. */
export interface CrisisLine {
  name: string;
  phone: string;
  hours: string;
  topics: string[];
}

/**
 * What the service does at each risk level, in every phase (before the terms, during intake, after
 * declining them, in the consent flow, waiting for staff, with staff). The README shows this table.
 *
 * | level      | resident sees                                   | staff side                                          |
 * |------------|-------------------------------------------------|-----------------------------------------------------|
 * | none       | the answer                                      | –                                                   |
 * | low        | the answer + the profile's 24-hour lines, gently| case flagged for review (a `review` alert)          |
 * | medium     | the answer + lines fitted to the category + a person offered (queue / reservation) | urgent alert, top of the queue, supervisors mailed when unacknowledged |
 * | high       | as medium                                       | as medium                                           |
 * | imminent   | 119/110 guidance first, then as medium          | as medium                                           |
 */
export interface RiskResponsePlan {
  /** 119 / 110 guidance before anything else (an act under way, means at hand). */
  emergencyFirst: boolean;
  /** The answer acknowledges the weight and asks gently. */
  acknowledgeWeight: boolean;
  /** `gentle`: the profile's 24-hour lines as an offer; `fitted`: the lines for the category, now. */
  crisisLines: 'none' | 'gentle' | 'fitted';
  /** A person is offered: the case joins the staff queue (or the next opening) at the top. */
  offerPerson: boolean;
  /** `review`: the case is flagged for staff to look at; `urgent`: staff are alerted now. */
  alert: 'none' | 'review' | 'urgent';
  /** Nobody acknowledging the alert within the profile's minutes alerts supervisors by mail. */
  escalateIfUnacknowledged: boolean;
}

/** Risk level → what the service does. Pure, so the safety rules are tested without Temporal. */
export function planRiskResponse(level: RiskLevel): RiskResponsePlan {
  const urgent = isAtLeast(level, 'medium');
  return {
    emergencyFirst: level === 'imminent',
    acknowledgeWeight: urgent,
    crisisLines: urgent ? 'fitted' : level === 'low' ? 'gentle' : 'none',
    offerPerson: urgent,
    alert: urgent ? 'urgent' : level === 'low' ? 'review' : 'none',
    escalateIfUnacknowledged: urgent,
  };
}

/** True when the plan puts anything from the profile (lines, guidance) in front of the resident. */
export const carriesCrisisContent = (plan: RiskResponsePlan) => plan.emergencyFirst || plan.crisisLines !== 'none';

const TOPICS_BY_CATEGORY: Record<RiskCategory, string[]> = {
  'suicidal-ideation': ['suicidal-ideation'],
  'self-harm': ['self-harm', 'suicidal-ideation'],
  abuse: ['abuse'],
  dv: ['dv'],
  bullying: ['bullying'],
  'harm-to-others': [],
  'other-danger': [],
};

/**
 * The lines that fit what the resident wrote: child abuse gets 189 and the child lines, DV the DV
 * lines, suicidal ideation the suicide-prevention lines; general 24-hour lines close the list.
 */
export function selectCrisisLines(lines: CrisisLine[], categories: RiskCategory[], max = 4): CrisisLine[] {
  const wanted = new Set(categories.flatMap((c) => TOPICS_BY_CATEGORY[c]));
  // Specialised lines (fewest topics) before the broad ones that also cover the category.
  const specific = lines.filter((l) => l.topics.some((t) => wanted.has(t))).sort((a, b) => a.topics.length - b.topics.length);
  const general = lines.filter((l) => !specific.includes(l) && (l.topics.length === 0 || l.topics.includes('suicidal-ideation')));
  const chosen = [...specific, ...general].slice(0, max);
  return chosen.length > 0 ? chosen : lines.slice(0, max);
}

/** Lines that answer at any hour (「24時間」 in their hours); a passive wish at 3 a.m. needs one that picks up. */
export function roundTheClockLines(lines: CrisisLine[], max = 3): CrisisLine[] {
  const open = lines.filter((l) => /24\s*(時間|h\b|hours?|giờ|小时|시간|oras|jam|horas)|२४\s*घण्टा/i.test(l.hours));
  return (open.length > 0 ? open : lines).slice(0, max);
}

const lineList = (lines: CrisisLine[]) => lines.map((l) => `・${l.name}\n  ${l.phone}（${l.hours}）`).join('\n');

/** The introductions and emergency guidance, from the profile's catalogue in the resident's language. */
export interface SafetyWording {
  crisisLinesIntro: string;
  gentleLinesIntro: string;
  /** With `{ambulance}` and `{police}`. */
  emergency: string;
}

/** The Japanese wording, for callers (and runs) without a catalogue. */
export const JAPANESE_SAFETY_WORDING: SafetyWording = {
  crisisLinesIntro: 'ひとりで抱えないでください。いますぐ人と話せる窓口です。',
  gentleLinesIntro: 'もし夜中でも誰かの声が聞きたくなったら、こんな窓口もあります。よかったら覚えておいてください。',
  emergency: 'いま命に危険がある、またはけがをしているときは、すぐに{ambulance}（救急）に電話してください。危険な人がそばにいるときは{police}（警察）へ。\nわたしはこのまま、ここでお話を聴いています。',
};

export function crisisLinesText(lines: CrisisLine[], wording: SafetyWording = JAPANESE_SAFETY_WORDING): string {
  return `${wording.crisisLinesIntro.trim()}\n${lineList(lines)}`;
}

/** For a passive wish: an offer, not an instruction. */
export function gentleLinesText(lines: CrisisLine[], wording: SafetyWording = JAPANESE_SAFETY_WORDING): string {
  return `${wording.gentleLinesIntro.trim()}\n${lineList(lines)}`;
}

export function emergencyText(emergency: { ambulance: string; police: string }, wording: SafetyWording = JAPANESE_SAFETY_WORDING): string {
  return wording.emergency.trim().replaceAll('{ambulance}', emergency.ambulance).replaceAll('{police}', emergency.police);
}

/**
 * The safety texts for a plan, from the profile only: emergency guidance (first), then the lines.
 * The caller places `first` before its answer and `after` behind it.
 */
export function safetyTexts(
  plan: RiskResponsePlan,
  categories: RiskCategory[],
  profile: { crisisLines: CrisisLine[]; emergency: { ambulance: string; police: string } },
  wording: SafetyWording = JAPANESE_SAFETY_WORDING,
): { first: string[]; after: string[] } {
  const first = plan.emergencyFirst ? [emergencyText(profile.emergency, wording)] : [];
  const after =
    plan.crisisLines === 'fitted'
      ? [crisisLinesText(selectCrisisLines(profile.crisisLines, categories), wording)]
      : plan.crisisLines === 'gentle'
        ? [gentleLinesText(roundTheClockLines(selectCrisisLines(profile.crisisLines, categories, profile.crisisLines.length)), wording)]
        : [];
  return { first, after };
}

/** What the resident reads when no answer could be composed (before the terms, model and listener down). */
export const SAFETY_ACKNOWLEDGEMENT = '話してくださって、ありがとうございます。とても大事なことなので、まず、いまあなたと話せる窓口をお伝えします。';

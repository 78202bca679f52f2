import { isAtLeast, RiskCategory, RiskLevel } from './risk-levels';

/** A phone line as residents see it; the numbers always come from the municipality profile. */
export interface CrisisLine {
  name: string;
  phone: string;
  hours: string;
  topics: string[];
}

export interface RiskResponsePlan {
  /** 119 / 110 guidance before anything else (an act under way, means at hand). */
  emergencyFirst: boolean;
  /** The AI acknowledges the weight, asks gently and offers a person. */
  acknowledgeWeight: boolean;
  /** Crisis lines from the profile follow the answer. */
  crisisLines: boolean;
  /** The case goes to the top of the staff queue and staff are alerted now. */
  urgent: boolean;
  /** Nobody acknowledging the alert within the profile's minutes alerts a supervisor. */
  escalateIfUnacknowledged: boolean;
}

/** Risk level → what the service does. Pure, so the safety rules are tested without Temporal. */
export function planRiskResponse(level: RiskLevel): RiskResponsePlan {
  return {
    emergencyFirst: level === 'imminent',
    acknowledgeWeight: isAtLeast(level, 'medium'),
    crisisLines: isAtLeast(level, 'high'),
    urgent: isAtLeast(level, 'high'),
    escalateIfUnacknowledged: level === 'imminent',
  };
}

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

export function crisisLinesText(lines: CrisisLine[]): string {
  const body = lines.map((l) => `・${l.name}\n  ${l.phone}（${l.hours}）`).join('\n');
  return `ひとりで抱えないでください。いますぐ人と話せる窓口です。\n${body}`;
}

export function emergencyText(emergency: { ambulance: string; police: string }): string {
  return `いま命に危険がある、またはけがをしているときは、すぐに${emergency.ambulance}（救急）に電話してください。危険な人がそばにいるときは${emergency.police}（警察）へ。\nわたしはこのまま、ここでお話を聴いています。`;
}

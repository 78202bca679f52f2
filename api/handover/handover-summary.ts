import { extractiveSummary } from '../../activities/listening/listening-prompt';

/** What a hand-over is built from: the resident's own side of the consultation only. */
export interface HandoverFacts {
  intake: { questionId: string; question: string; answer: string }[];
  risks: { at: string; level: string; categories: string[] }[];
  /** Times the resident asked for a person: the menu button, an accepted offer. */
  requests: { at: string; via: 'menu' | 'nudge' }[];
  /** The resident's texts, oldest first. Never the AI's or staff's. */
  residentTexts: string[];
}

export interface HandoverSummary {
  topics: string[];
  /** Each change of level, oldest first (repeats of the same level are left out). */
  riskHistory: { at: string; level: string; categories: string[] }[];
  intake: { question: string; answer: string }[];
  requests: { at: string; via: 'menu' | 'nudge' }[];
  /** First sentences of the resident's messages, personal data masked. */
  residentWords: string[];
}

const TOPIC_QUESTION = 'topic';

/**
 * The hand-over staff read when they take a case: what the resident has told, in their own words
 * and answers. The AI's replies are never an input, so none of its sentences can appear.
 */
export function buildHandoverSummary(facts: HandoverFacts): HandoverSummary {
  const riskHistory: HandoverSummary['riskHistory'] = [];
  for (const risk of facts.risks) {
    if (riskHistory.at(-1)?.level === risk.level) continue;
    riskHistory.push(risk);
  }
  const topics = facts.intake.filter((q) => q.questionId === TOPIC_QUESTION).map((q) => q.answer);
  const categories = [...new Set(facts.risks.flatMap((r) => r.categories))];
  const words = extractiveSummary(facts.residentTexts.map((text) => ({ role: 'resident' as const, text })));
  return {
    topics: [...topics, ...categories],
    riskHistory,
    intake: facts.intake.map(({ question, answer }) => ({ question, answer })),
    requests: facts.requests,
    residentWords: words ? words.split('\n').map((line) => line.replace(/^・/, '')) : [],
  };
}

import { maskPersonalData } from './pii-mask';

export interface Turn {
  role: 'resident' | 'ai' | 'staff' | 'system';
  text: string;
}

export interface ChatMessage {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

/** Rough token count: CJK characters cost about one token each, other text about one per four characters. */
export function estimateTokens(text: string): number {
  const cjk = (text.match(/[\u3000-\u9fff\uff00-\uffef]/g) ?? []).length;
  return cjk + Math.ceil((text.length - cjk) / 4) + 4;
}

const SUMMARY_MAX_CHARS = 400;

/** Older resident messages, reduced to their first sentence: a cheap rolling summary without a model call. */
export function extractiveSummary(older: Turn[]): string {
  const points = older
    .filter((t) => t.role === 'resident')
    .map((t) => maskPersonalData(t.text).split(/(?<=[。！？!?\n])/)[0].trim())
    .filter(Boolean);
  let summary = '';
  for (const point of points.reverse()) {
    if (summary.length + point.length > SUMMARY_MAX_CHARS) break;
    summary = `・${point}\n${summary}`;
  }
  return summary.trim();
}

/**
 * The model sees: the persona, a summary of older turns, then as many recent turns as fit the token
 * budget (newest kept first). Every turn is masked for personal data.
 */
export function buildListeningPrompt(input: { persona: string; turns: Turn[]; tokenBudget: number }): ChatMessage[] {
  const system: ChatMessage = { role: 'system', content: input.persona.trim() };
  let budget = input.tokenBudget - estimateTokens(system.content) - 200; // headroom for the summary line
  const recent: ChatMessage[] = [];
  let i = input.turns.length - 1;
  for (; i >= 0; i -= 1) {
    const turn = input.turns[i];
    if (turn.role === 'system') continue;
    // Staff and AI turns are masked too: they may quote what the resident wrote.
    const content = maskPersonalData(turn.text);
    const cost = estimateTokens(content);
    if (cost > budget && recent.length > 0) break;
    budget -= cost;
    recent.unshift({ role: turn.role === 'resident' ? 'user' : 'assistant', content });
  }
  const summary = extractiveSummary(input.turns.slice(0, Math.max(0, i + 1)));
  return summary ? [system, { role: 'system', content: `これまでの相談者の話の要点:\n${summary}` }, ...recent] : [system, ...recent];
}

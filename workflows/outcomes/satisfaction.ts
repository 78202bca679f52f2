/**
 * The optional closing question 「相談してよかったですか」: when it is asked, the message with its five
 * one-tap answers, and reading the taps. Never a gate: the resident may ignore it, and anything they
 * write instead is an ordinary message (the pending question is then recorded as skipped).
 *
 * Pure, for the workflow sandbox: no Temporal imports, no clock reads (the workflow passes `nowMs`).
 */
import { SATISFACTION_SCORES, satisfactionPostbackData, type SatisfactionScore } from '../../contracts/postbacks';
import type { QuickReplyItem, TextMessage } from '../consultation/line-messages';
import { inQuietHours } from '../nudges/nudge-policy';

export interface SatisfactionTexts {
  satisfactionAsk: string;
  /** Quick-reply labels (at most 20 characters), 5 = とてもよかった … 1 = よくなかった. */
  satisfaction5: string;
  satisfaction4: string;
  satisfaction3: string;
  satisfaction2: string;
  satisfaction1: string;
  satisfactionThanks: string;
  satisfactionCommentButton: string;
  satisfactionCommentPrompt: string;
  satisfactionCommentThanks: string;
}

export const SATISFACTION_TEXT_KEYS: readonly (keyof SatisfactionTexts)[] = [
  'satisfactionAsk', 'satisfaction5', 'satisfaction4', 'satisfaction3', 'satisfaction2', 'satisfaction1',
  'satisfactionThanks', 'satisfactionCommentButton', 'satisfactionCommentPrompt', 'satisfactionCommentThanks',
];

export interface SatisfactionAskContext {
  enabled: boolean;
  /** Why the consultation closed: `staff`, `silence`, `unfollowed`. */
  reason: string;
  /** AI turns in this consultation: a run that only carried a tap (an answer, a check-in) is not asked again. */
  turns: number;
  /** Whether a person was asked for or talked with the resident. */
  personInvolved: boolean;
  quietHours: { from: string; to: string };
}

/**
 * Asked after a staff close, and after a silence close of a consultation that had a conversation;
 * never to a resident who blocked the account, and never pushed in the quiet hours (a silence close can
 * fall at night: that question is simply not asked, rather than held).
 */
export function shouldAskSatisfaction(ctx: SatisfactionAskContext, nowMs: number): boolean {
  if (!ctx.enabled) return false;
  if (ctx.reason === 'staff') return !inQuietHours(nowMs, ctx.quietHours);
  if (ctx.reason === 'silence') return (ctx.turns > 0 || ctx.personInvolved) && !inQuietHours(nowMs, ctx.quietHours);
  return false;
}

const button = (label: string, data: string): QuickReplyItem => ({ type: 'action', action: { type: 'postback', label, data, displayText: label } });

/** The question with five taps, best first; not answering is fine. */
export function satisfactionQuestion(texts: SatisfactionTexts, consultationId: string): TextMessage {
  return {
    type: 'text',
    text: texts.satisfactionAsk.trim(),
    quickReply: { items: SATISFACTION_SCORES.map((score) => button(texts[`satisfaction${score}`], satisfactionPostbackData(score, consultationId))) },
  };
}

/** The thanks for a score, with one optional tap to add a comment. */
export function satisfactionThanks(texts: SatisfactionTexts, consultationId: string): TextMessage {
  return {
    type: 'text',
    text: texts.satisfactionThanks.trim(),
    quickReply: { items: [button(texts.satisfactionCommentButton, satisfactionPostbackData('comment', consultationId))] },
  };
}

export type SatisfactionAnswer = { kind: 'score'; score: SatisfactionScore; consultationId: string } | { kind: 'comment'; consultationId: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function parseSatisfactionPostback(data: string): SatisfactionAnswer | undefined {
  const m = /^satisfaction=([1-5]|comment)&consultation=([^&]+)$/.exec(data);
  if (!m || !UUID.test(m[2])) return undefined;
  return m[1] === 'comment' ? { kind: 'comment', consultationId: m[2] } : { kind: 'score', score: Number(m[1]) as SatisfactionScore, consultationId: m[2] };
}

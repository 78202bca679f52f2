import type { ConversationSettings } from './conversation-settings';
import { intakeQuestionMessage, linesListText, parsePostback, POSTBACK, termsMessages, text, TextMessage } from './line-messages';
import type { ResidentEvent } from './messages';

/**
 * Onboarding as a pure state machine: greeting → terms (agree / disagree) → intake questions →
 * invitation to talk. No I/O and no clock, so it is unit-tested without Temporal.
 */
export type OnboardingStep = { name: 'terms' } | { name: 'intake'; index: number } | { name: 'declined' } | { name: 'done' };

export interface OnboardingRecord {
  terms?: 'agreed' | 'declined';
  intake?: { questionId: string; value: string };
}

export interface OnboardingOutcome {
  step: OnboardingStep;
  send: TextMessage[];
  record?: OnboardingRecord;
}

export function describeStep(step: OnboardingStep): string {
  return step.name === 'intake' ? `intake:${step.index}` : step.name;
}

/** Where a resident starts: a returning resident who agreed to the current terms skips ahead. */
export function initialStep(s: ConversationSettings, resident: { termsVersion: string | null; intakeAnswered: string[] }): OnboardingStep {
  if (resident.termsVersion !== s.termsVersion) return { name: 'terms' };
  const index = s.intake.findIndex((q) => !resident.intakeAnswered.includes(q.id));
  return index === -1 ? { name: 'done' } : { name: 'intake', index };
}

function afterIntakeAnswer(s: ConversationSettings, index: number): OnboardingOutcome {
  const next = index + 1;
  if (next < s.intake.length) return { step: { name: 'intake', index: next }, send: [intakeQuestionMessage(s.intake[next])] };
  return { step: { name: 'done' }, send: [text(s.texts.invitation)] };
}

function stepPrompt(s: ConversationSettings, step: OnboardingStep): TextMessage[] {
  switch (step.name) {
    case 'terms':
    case 'declined':
      return termsMessages(s);
    case 'intake':
      return [intakeQuestionMessage(s.intake[step.index])];
    case 'done':
      return [text(s.texts.invitation)];
  }
}

export function onboardingTransition(s: ConversationSettings, step: OnboardingStep, event: ResidentEvent): OnboardingOutcome {
  if (event.kind === 'follow') {
    // A new friend, or a resident who unblocked us: greet, then pick up where they are.
    const resume = step.name === 'declined' ? ({ name: 'terms' } as const) : step;
    return { step: resume, send: [text(s.texts.greeting), ...stepPrompt(s, resume)] };
  }
  if (event.kind === 'media') return { step, send: [text(s.texts.nonTextReply), ...stepPrompt(s, step)] };
  if (event.kind === 'postback') {
    const data = parsePostback(event.data);
    if ((step.name === 'terms' || step.name === 'declined') && event.data === POSTBACK.termsAgree) {
      if (s.intake.length === 0) return { step: { name: 'done' }, send: [text(s.texts.invitation)], record: { terms: 'agreed' } };
      return {
        step: { name: 'intake', index: 0 },
        send: [text(s.texts.intakeIntro), intakeQuestionMessage(s.intake[0])],
        record: { terms: 'agreed' },
      };
    }
    if (step.name === 'terms' && event.data === POSTBACK.termsDisagree) {
      const lines = linesListText(s.consultationLines);
      return { step: { name: 'declined' }, send: [text(lines ? `${s.texts.termsDeclined}\n\n${lines}` : s.texts.termsDeclined)], record: { terms: 'declined' } };
    }
    if (step.name === 'intake' && data.intake === s.intake[step.index].id && data.value) {
      const question = s.intake[step.index];
      if (question.options.some((o) => o.value === data.value)) {
        return { ...afterIntakeAnswer(s, step.index), record: { intake: { questionId: question.id, value: data.value } } };
      }
    }
  }
  // Typed text or a stale button: ask the current question again rather than stay silent.
  return { step, send: stepPrompt(s, step) };
}

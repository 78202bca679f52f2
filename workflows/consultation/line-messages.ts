import type { ConversationSettings, IntakeQuestionInfo, PhoneLineInfo } from './conversation-settings';

/** Plain LINE message objects (the Messaging API's JSON), built without I/O so workflows can use them. */
export interface QuickReplyItem {
  type: 'action';
  action: { type: 'postback'; label: string; data: string; displayText: string };
}
export interface TextMessage {
  type: 'text';
  text: string;
  quickReply?: { items: QuickReplyItem[] };
}

export const POSTBACK = {
  termsAgree: 'terms=agree',
  termsDisagree: 'terms=disagree',
  intake: (questionId: string, value: string) => `intake=${questionId}&value=${value}`,
  language: (code: string) => `lang=${code}`,
} as const;

export function parsePostback(data: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of data.split('&')) {
    const [key, value = ''] = pair.split('=');
    if (key) out[decodeURIComponent(key)] = decodeURIComponent(value);
  }
  return out;
}

const choice = (label: string, data: string): QuickReplyItem => ({ type: 'action', action: { type: 'postback', label, data, displayText: label } });

export const text = (body: string): TextMessage => ({ type: 'text', text: body.trim() });

export function termsMessages(s: ConversationSettings): TextMessage[] {
  return [
    text(s.termsText),
    {
      ...text(s.texts.termsPrompt),
      quickReply: { items: [choice(s.texts.termsAgree, POSTBACK.termsAgree), choice(s.texts.termsDisagree, POSTBACK.termsDisagree)] },
    },
  ];
}

export function intakeQuestionMessage(q: IntakeQuestionInfo): TextMessage {
  return { ...text(q.text), quickReply: { items: q.options.map((o) => choice(o.label, POSTBACK.intake(q.id, o.value))) } };
}

export function linesListText(lines: PhoneLineInfo[]): string {
  return lines.map((l) => `・${l.name}\n  ${l.phone}（${l.hours}）`).join('\n');
}

/** LINE takes at most 5 messages per request: merge neighbouring plain texts (never one with buttons) until they fit. */
export function fitInOneRequest(messages: TextMessage[], max = 5): TextMessage[] {
  const out = [...messages];
  for (let i = 0; out.length > max && i < out.length - 1; ) {
    if (!out[i].quickReply && !out[i + 1].quickReply) out.splice(i, 2, text(`${out[i].text}\n\n${out[i + 1].text}`));
    else i += 1;
  }
  return out;
}

/** The language choice: one quick reply per shipped language, under its own name (LINE allows 13). */
export function languageMenuMessage(prompt: string, choices: { code: string; name: string }[]): TextMessage {
  return { ...text(prompt), quickReply: { items: choices.slice(0, 13).map((c) => choice(c.name, POSTBACK.language(c.code))) } };
}

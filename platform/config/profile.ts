import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { describeStaffHours } from '../../workflows/calendar/staff-hours';
import { CONSENT_LABEL_KEYS, CONSENT_PLACEHOLDERS, CONSENT_TEXTS_JA } from '../../workflows/consent/consent-texts';
import { NUDGE_TEXTS_JA } from '../../workflows/nudges/nudge-texts';
import { K6, SCALE_FOLLOW_UP_TEXT, UCLA3, type ScaleDefinition } from '../../workflows/outcomes/scales';
import { ConfigError, describeZodIssues } from './errors';
import { CHAT_BAR_MAX, RICH_MENU_IMAGE_KEYS, RICH_MENU_LABEL_KEYS, RICH_MENU_TEXTS_JA } from './rich-menu-texts';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const hhmm = z.string().regex(HHMM, 'expected a time as HH:MM (e.g. "09:00")');
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected MM-DD (e.g. "12-29")');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'expected lower-case letters, digits and hyphens');
const phone = z.string().regex(/^(#?\d[\d-]{1,15}\d|\d{3})$/, 'expected a phone number such as 0120-279-338, #8008 or 189');

const phoneLine = z.object({
  id: slug,
  name: z.string().min(1),
  phone,
  hours: z.string().min(1),
  /** Risk categories or topics this line is the right one for; empty means general. */
  topics: z.array(z.string()).default([]),
  url: z.url().optional(),
});

const partner = z.object({
  id: slug,
  name: z.string().min(1),
  services: z.array(z.string().min(1)).min(1),
  topics: z.array(z.string().min(1)).min(1),
  area: z.string().min(1),
  hours: z.string().min(1),
  email: z.email(),
  phone: phone.optional(),
});

const DEFAULT_REFERRAL_PURPOSE =
  'あなたのご相談に合う支援につなぐため、{recipient}に、これからお聞きするお名前と連絡先をお伝えします。{recipient}から、あなたにご連絡があります。ほかの目的には使いません。';

/** Defaults for the check-in texts, so a profile written before check-ins still loads. */
const CHECK_IN_TEXTS = {
  checkInConsentAsk:
    'ご相談ありがとうございました。ひとつだけ、おうかがいさせてください。\nしばらくお話がないとき、数日後に「その後いかがですか」と短いメッセージをお送りしてもよいですか？\n返事はしなくても大丈夫です。いつでも「やめて」と送れば止められます。',
  checkInConsentAgree: '送ってほしい',
  checkInConsentDecline: '送らなくていい',
  checkInConsentGiven: 'ありがとうございます。しばらくしたら、短いメッセージをお送りしますね。止めたいときは、いつでも「やめて」と送ってください。',
  checkInConsentDeclined: 'わかりました。こちらからメッセージをお送りすることはありません。またいつでも、ここに話しかけてください。',
  checkInWithdrawn: 'わかりました。こちらからのメッセージはもうお送りしません。またお話ししたくなったら、いつでもここに話しかけてください。',
  checkInMessage: 'こんにちは、よりそいチャットです。その後、いかがお過ごしですか？\nよかったら、いまの気持ちを少しだけ聞かせてください。返事をしなくても大丈夫です。',
  checkInTalkToPerson: 'スタッフと話したい',
  checkInTalkToAi: 'AIと話したい',
  checkInStop: 'もう送らないで',
  /** Before the outcome scales asked again at follow-up (workflows/outcomes/scales.ts). */
  scaleFollowUp: SCALE_FOLLOW_UP_TEXT,
} as const;

/**
 * Added to the terms (each language's own, Japanese where it has none) when `outcomes.scalesAtIntake`
 * is on: the residents who are asked the scales are told what their answers are used for.
 */
const TERMS_OUTCOMES_NOTE_JA = '・はじめにお聞きする、気持ちについての短い質問へのお答えは、この相談の効果を測るために、個人がわからない形で集計して使います。答えなくてもご利用いただけます。';

/** Defaults for the closing question 「相談してよかったですか」 (workflows/outcomes/satisfaction.ts). */
const SATISFACTION_TEXTS = {
  satisfactionAsk: 'ご相談ありがとうございました。よろしければ、ひとつだけ教えてください。\n相談してよかったですか？\n答えなくても大丈夫です。',
  satisfaction5: 'とてもよかった',
  satisfaction4: 'よかった',
  satisfaction3: 'どちらともいえない',
  satisfaction2: 'あまりよくなかった',
  satisfaction1: 'よくなかった',
  satisfactionThanks: '教えてくださってありがとうございます。今後のよりよい相談に役立てます。',
  satisfactionCommentButton: 'ひとこと書く',
  satisfactionCommentPrompt: 'よろしければ、ひとことお聞かせください。書かなくても大丈夫です。',
  satisfactionCommentThanks: 'ありがとうございます。いただいた声は、よりよい相談のために大切に使わせていただきます。',
} as const;

/** The closing question's texts in one language; every key has the Japanese default. */
const satisfactionTexts = z.object({
  satisfactionAsk: z.string().min(1).default(SATISFACTION_TEXTS.satisfactionAsk),
  satisfaction5: z.string().min(1).max(20).default(SATISFACTION_TEXTS.satisfaction5),
  satisfaction4: z.string().min(1).max(20).default(SATISFACTION_TEXTS.satisfaction4),
  satisfaction3: z.string().min(1).max(20).default(SATISFACTION_TEXTS.satisfaction3),
  satisfaction2: z.string().min(1).max(20).default(SATISFACTION_TEXTS.satisfaction2),
  satisfaction1: z.string().min(1).max(20).default(SATISFACTION_TEXTS.satisfaction1),
  satisfactionThanks: z.string().min(1).default(SATISFACTION_TEXTS.satisfactionThanks),
  satisfactionCommentButton: z.string().min(1).max(20).default(SATISFACTION_TEXTS.satisfactionCommentButton),
  satisfactionCommentPrompt: z.string().min(1).default(SATISFACTION_TEXTS.satisfactionCommentPrompt),
  satisfactionCommentThanks: z.string().min(1).default(SATISFACTION_TEXTS.satisfactionCommentThanks),
});

const choice = z.object({ value: slug, label: z.string().min(1).max(20, 'LINE quick-reply labels are at most 20 characters') });

const intakeQuestion = z.object({
  id: slug,
  text: z.string().min(1),
  options: z.array(choice).min(2).max(13, 'LINE allows at most 13 quick replies'),
});

/** A catalogue entry every language must ship: a missing one is named at start-up with its language. */
const entry = z.string({ error: (issue) => (issue.input === undefined ? 'missing (every shipped language needs every key)' : undefined) }).min(1);
const label = entry.max(20, 'LINE quick-reply and menu labels are at most 20 characters');

/**
 * Every text a resident reads, one catalogue per language: `texts` is the Japanese one (complete, and
 * the fallback for a language the city does not ship); `languages.<code>.texts` has the same keys.
 * `{staffHours}`, `{opening}`, `{staffName}`, `{ambulance}` and `{police}` are filled in where they appear.
 */
const catalogueTexts = z.object({
  greeting: entry,
  termsPrompt: entry,
  termsAgree: label,
  termsDisagree: label,
  termsDeclined: entry,
  intakeIntro: entry,
  invitation: entry,
  nonTextReply: entry,
  aiFallback: entry,
  /** The offline listener's answer to 「あなたはAI？」; write {staffHours} for when a person answers. */
  aiDisclosure: entry,
  // Reaching a person.
  queued: entry,
  alreadyRequested: entry,
  /** {opening}: the next time staff answer. */
  reserved: entry.includes('{opening}'),
  opened: entry,
  joined: entry.includes('{staffName}'),
  transferred: entry.includes('{staffName}'),
  released: entry,
  closedByStaff: entry,
  aiHere: entry,
  // Safety: the introductions of the profile's lines and the emergency guidance.
  crisisLinesIntro: entry,
  gentleLinesIntro: entry,
  emergency: entry.includes('{ambulance}'),
  safetyAcknowledgement: entry,
  // The offline listener outside Japanese (Japanese reflects feelings by rules in code).
  listenerAcknowledgement: entry,
  listenerQuestion: entry,
  listenerWeightOpening: entry,
  listenerPersonOffer: entry,
  // Choosing a language, and the rich menu.
  languagePrompt: entry,
  languageChanged: entry,
  menuStaff: label,
  menuAi: label,
  menuLines: label,
  menuTerms: label,
  menuLanguage: label,
});
/** Offers of a person (workflows/nudges/): `{opening}` is when staff can answer; labels fit LINE's 20 characters. */
const NUDGE_LABEL_KEYS = ['nudgeAccept', 'nudgeDecline', 'nudgeReserve'] as const;
const nudgeText = (key: keyof typeof NUDGE_TEXTS_JA) => {
  const base = (NUDGE_LABEL_KEYS as readonly string[]).includes(key) ? z.string().min(1).max(20, 'LINE quick-reply labels are at most 20 characters') : z.string().min(1);
  return key === 'nudgeClosed' || key === 'nudgeReserve' || key === 'nudgeReserved' ? base.includes('{opening}') : base;
};
const NUDGE_KEYS = Object.keys(NUDGE_TEXTS_JA) as (keyof typeof NUDGE_TEXTS_JA)[];
const CHECK_IN_LABEL_KEYS = ['checkInConsentAgree', 'checkInConsentDecline', 'checkInTalkToPerson', 'checkInTalkToAi', 'checkInStop'];
const checkInText = (key: keyof typeof CHECK_IN_TEXTS) => (CHECK_IN_LABEL_KEYS.includes(key) ? z.string().min(1).max(20, 'LINE quick-reply labels are at most 20 characters') : z.string().min(1));
const CHECK_IN_KEYS = Object.keys(CHECK_IN_TEXTS) as (keyof typeof CHECK_IN_TEXTS)[];
/** The consent / personal-details flow (workflows/consent/): labels fit LINE's 20 characters, placeholders stay. */
const consentText = (key: keyof typeof CONSENT_TEXTS_JA) => {
  const base = (CONSENT_LABEL_KEYS as readonly string[]).includes(key) ? z.string().min(1).max(20, 'LINE quick-reply labels are at most 20 characters') : z.string().min(1);
  return (CONSENT_PLACEHOLDERS[key] ?? []).reduce((schema, placeholder) => schema.includes(placeholder, { message: `must contain ${placeholder}` }), base);
};
const CONSENT_KEYS = Object.keys(CONSENT_TEXTS_JA) as (keyof typeof CONSENT_TEXTS_JA)[];
/** The rich menu's words (platform/config/rich-menu-texts.ts): LINE's limits for labels and the chat-bar text. */
const richMenuText = (key: string) =>
  key === 'menuChatBar'
    ? z.string().min(1).max(CHAT_BAR_MAX, `LINE's rich-menu chat-bar text is at most ${CHAT_BAR_MAX} characters`)
    : (RICH_MENU_LABEL_KEYS as readonly string[]).includes(key)
      ? z.string().min(1).max(20, 'LINE quick-reply and menu labels are at most 20 characters')
      : z.string().min(1);
const RICH_MENU_KEYS = Object.keys(RICH_MENU_TEXTS_JA) as (keyof typeof RICH_MENU_TEXTS_JA)[];
/** Image lines without a Japanese default: the label is drawn as it is. */
const RICH_MENU_IMAGE_ONLY_KEYS = RICH_MENU_IMAGE_KEYS.filter((k) => !(k in RICH_MENU_TEXTS_JA));
type RichMenuKey = keyof typeof RICH_MENU_TEXTS_JA | (typeof RICH_MENU_IMAGE_KEYS)[number];

/**
 * Texts added after the catalogues: in Japanese with defaults, so a profile written before them still
 * loads; in another language optional, each missing one read in Japanese (the examples ship them all).
 */
const laterTextsJa = z.object({
  ...Object.fromEntries(NUDGE_KEYS.map((k) => [k, nudgeText(k).default(NUDGE_TEXTS_JA[k])])),
  ...Object.fromEntries(CONSENT_KEYS.map((k) => [k, consentText(k).default(CONSENT_TEXTS_JA[k])])),
  ...Object.fromEntries(RICH_MENU_KEYS.map((k) => [k, richMenuText(k).default(RICH_MENU_TEXTS_JA[k])])),
  ...Object.fromEntries(RICH_MENU_IMAGE_ONLY_KEYS.map((k) => [k, richMenuText(k).optional()])),
} as { [K in keyof typeof NUDGE_TEXTS_JA | keyof typeof CONSENT_TEXTS_JA | keyof typeof RICH_MENU_TEXTS_JA]: z.ZodDefault<z.ZodString> } & {
  [K in Exclude<(typeof RICH_MENU_IMAGE_KEYS)[number], keyof typeof RICH_MENU_TEXTS_JA>]: z.ZodOptional<z.ZodString>;
});
const laterTextsOther = z.object({
  ...Object.fromEntries(NUDGE_KEYS.map((k) => [k, nudgeText(k).optional()])),
  ...Object.fromEntries(CHECK_IN_KEYS.map((k) => [k, checkInText(k).optional()])),
  ...Object.fromEntries(CONSENT_KEYS.map((k) => [k, consentText(k).optional()])),
  ...Object.fromEntries([...RICH_MENU_KEYS, ...RICH_MENU_IMAGE_ONLY_KEYS].map((k) => [k, richMenuText(k).optional()])),
  termsOutcomesNote: z.string().min(1).optional(),
} as { [K in keyof typeof NUDGE_TEXTS_JA | keyof typeof CHECK_IN_TEXTS | keyof typeof CONSENT_TEXTS_JA | RichMenuKey | 'termsOutcomesNote']: z.ZodOptional<z.ZodString> });

/**
 * The Japanese catalogue: every key above, plus the caring check-in texts (profile `checkIns`) and the
 * offers of a person, which have defaults, so a profile without them still loads.
 */
const texts = catalogueTexts.extend(laterTextsJa.shape).extend({
  // Caring check-ins (profile `checkIns`): the one-time consent question, its answers, and the check-in itself.
  checkInConsentAsk: z.string().min(1).default(CHECK_IN_TEXTS.checkInConsentAsk),
  checkInConsentAgree: z.string().min(1).max(20).default(CHECK_IN_TEXTS.checkInConsentAgree),
  checkInConsentDecline: z.string().min(1).max(20).default(CHECK_IN_TEXTS.checkInConsentDecline),
  checkInConsentGiven: z.string().min(1).default(CHECK_IN_TEXTS.checkInConsentGiven),
  checkInConsentDeclined: z.string().min(1).default(CHECK_IN_TEXTS.checkInConsentDeclined),
  checkInWithdrawn: z.string().min(1).default(CHECK_IN_TEXTS.checkInWithdrawn),
  checkInMessage: z.string().min(1).default(CHECK_IN_TEXTS.checkInMessage),
  checkInTalkToPerson: z.string().min(1).max(20).default(CHECK_IN_TEXTS.checkInTalkToPerson),
  checkInTalkToAi: z.string().min(1).max(20).default(CHECK_IN_TEXTS.checkInTalkToAi),
  checkInStop: z.string().min(1).max(20).default(CHECK_IN_TEXTS.checkInStop),
  scaleFollowUp: z.string().min(1).default(CHECK_IN_TEXTS.scaleFollowUp),
  termsOutcomesNote: z.string().min(1).default(TERMS_OUTCOMES_NOTE_JA),
}).extend(satisfactionTexts.shape);

/** One outcome scale in a language: its intro, every item and every answer label (workflows/outcomes/scales.ts). */
const scaleWording = (scale: ScaleDefinition) =>
  z.object({
    intro: entry,
    items: z.object(Object.fromEntries(scale.items.map((i) => [i.id, entry]))),
    choices: z.object(Object.fromEntries(scale.choices.map((c) => [String(c.score), label]))),
  });

/** A language other than Japanese: its name (shown on the language quick replies) and its catalogue. */
const languageCatalogue = z.object({
  /** The language's own name, e.g. 「Tiếng Việt」. */
  name: label,
  texts: catalogueTexts.extend(laterTextsOther.shape),
  terms: entry,
  /** Question id → its text and option value → label, for every intake question. */
  intake: z.record(z.string(), z.object({ text: entry, options: z.record(z.string(), label) })),
  /** The listening AI's system prompt in this language (it answers in it). */
  persona: entry,
  /**
   * The profile's lines as named in this language (id → name, hours), listed in the order offered;
   * a line not listed is offered under its Japanese name. Numbers always come from `crisisLines`.
   */
  lines: z.record(z.string(), z.object({ name: entry, hours: entry })).default({}),
  /** The closing question in this language (optional: without it the resident is asked in Japanese). */
  satisfaction: z.object(satisfactionTexts.shape).partial().optional(),
  /**
   * The outcome scales in this language (optional; without them, or for a scale left out, the resident
   * is asked in Japanese). Use a validated translation of UCLA-3 and K6, not a wording of your own.
   */
  scales: z.object({ ucla3: scaleWording(UCLA3).optional(), k6: scaleWording(K6).optional(), skip: label.optional(), done: entry.optional(), skipped: entry.optional() }).optional(),
  /** `consent.referralPurpose` in this language (optional: without it the purpose is shown in Japanese). */
  consent: z.object({ referralPurpose: z.string().min(1).includes('{recipient}') }).optional(),
  /**
   * Words residents type in this language that the platform understands besides the Japanese ones,
   * which always work: a message containing a `consentWithdrawal` phrase withdraws consent (like
   * 「同意を取り消します」, which the consent question tells them); a message that is just a
   * `checkInStop` word stops caring check-ins (like 「やめて」). Compared ignoring case.
   */
  words: z
    .object({ consentWithdrawal: z.array(z.string().min(2)).default([]), checkInStop: z.array(z.string().min(2)).default([]) })
    .default({ consentWithdrawal: [], checkInStop: [] }),
});

export const profileSchema = z.object({
  municipality: z.object({
    id: slug,
    name: z.string().min(1),
    serviceName: z.string().min(1),
  }),
  businessHours: z
    .object({
      timeZone: z.literal('Asia/Tokyo').default('Asia/Tokyo'),
      open: hhmm.default('09:00'),
      close: hhmm.default('18:00'),
      /** ISO weekdays: 1 = Monday … 7 = Sunday. */
      weekdays: z.array(z.number().int().min(1).max(7)).min(1).default([1, 2, 3, 4, 5]),
      /** Recurring closures beyond national holidays; a range may wrap the year end. */
      closedDays: z.array(z.object({ from: monthDay, to: monthDay })).default([{ from: '12-29', to: '01-03' }]),
      extraClosures: z.array(isoDate).default([]),
    })
    // Only compared when both are valid times; a malformed one is already reported on its own key.
    .refine((h) => !HHMM.test(h.open) || !HHMM.test(h.close) || h.open < h.close, { message: 'open must be before close', path: ['close'] }),
  emergency: z.object({ ambulance: phone.default('119'), police: phone.default('110') }).default({ ambulance: '119', police: '110' }),
  crisisLines: z.array(phoneLine).min(1, 'at least one crisis line is required'),
  consultationLines: z.array(phoneLine).default([]),
  partners: z.array(partner).default([]),
  terms: z.object({ version: z.string().min(1), text: z.string().min(1), url: z.url().optional() }),
  intake: z.object({ questions: z.array(intakeQuestion).min(1) }),
  ai: z.object({
    model: z.string().min(1),
    persona: z.string().min(1),
    maxReplyChars: z.number().int().min(50).max(1000).default(300),
    debounceSeconds: z.number().min(0).max(30).default(4),
    replyTokenMaxAgeSeconds: z.number().min(1).max(60).default(25),
    contextTokenBudget: z.number().int().min(500).default(3000),
  }),
  nudges: z.object({
    afterTurns: z.number().int().min(1).default(8),
    minRiskLevel: z.enum(['low', 'medium', 'high']).default('medium'),
    refusalCooldownHours: z.number().min(0).default(24),
    maxPerDay: z.number().int().min(0).default(2),
    maxPerConsultation: z.number().int().min(0).default(4),
    /** Offers to one resident in any 7 days, across consultations. */
    maxPerWeek: z.number().int().min(0).default(5),
    quietHours: z.object({ from: hhmm, to: hhmm }).default({ from: '21:00', to: '08:00' }),
    silenceCheckInHours: z.number().min(1).default(24),
  }),
  /**
   * Caring check-ins (caring contacts): with the resident's consent, asked once after their first
   * consultation, a short message after `afterSilenceDays` of silence, at most `maxCount` times, never
   * in the nudges' quiet hours, and only in staff hours of business days when `businessDaysOnly`.
   * A new wording of the consent question needs a new `consentVersion`.
   */
  checkIns: z
    .object({
      enabled: z.boolean().default(true),
      afterSilenceDays: z.number().min(1).default(7),
      maxCount: z.number().int().min(0).default(3),
      businessDaysOnly: z.boolean().default(true),
      consentVersion: z.string().min(1).default('2026-12'),
      purpose: z.string().min(1).default('しばらくお話がないときに、その後の様子をうかがう短いメッセージを送るため'),
    })
    .default({ enabled: true, afterSilenceDays: 7, maxCount: 3, businessDaysOnly: true, consentVersion: '2026-12', purpose: 'しばらくお話がないときに、その後の様子をうかがう短いメッセージを送るため' }),
  /**
   * Outcomes, never a gate: the optional closing question 「相談してよかったですか」 after a staff close
   * and after a silence close of a consultation that had a conversation (texts `satisfaction…`).
   * The short scales at intake are off unless the city turns them on.
   */
  outcomes: z
    .object({
      satisfactionQuestion: z.boolean().default(true),
      /** The optional UCLA-3 and K6 scales (workflows/outcomes/scales.ts) after the intake questions; skippable. */
      scalesAtIntake: z.boolean().default(false),
    })
    .default({ satisfactionQuestion: true, scalesAtIntake: false }),
  escalation: z.object({
    staffPickupMinutes: z.number().positive().default(10),
    crisisAckMinutes: z.number().positive().default(5),
    /** A message LINE keeps refusing is given up (recorded undelivered, alerted when it carried crisis lines) after these minutes. */
    undeliveredAfterMinutes: z.number().positive().default(10),
    onCall: z
      .object({ email: z.email().optional(), webhookUrl: z.url({ protocol: /^https$/, error: 'must be an https:// URL' }).optional() })
      .refine((o) => o.email || o.webhookUrl, { message: 'give an e-mail address, a webhook URL or both' }),
  }),
  consultation: z.object({ closeAfterSilenceHours: z.number().positive().default(72) }).default({ closeAfterSilenceHours: 72 }),
  reports: z
    .object({
      smallCellThreshold: z.number().int().min(1).default(5),
      minutesPerReply: z.number().min(0).default(5),
      staffHourlyCostYen: z.number().min(0).default(2500),
      linePlan: z
        .object({ name: z.string(), monthlyFeeYen: z.number().min(0), includedMessages: z.number().int().min(0), extraMessageYen: z.number().min(0) })
        .default({ name: 'スタンダード', monthlyFeeYen: 15000, includedMessages: 30000, extraMessageYen: 3 }),
    })
    .default({ smallCellThreshold: 5, minutesPerReply: 5, staffHourlyCostYen: 2500, linePlan: { name: 'スタンダード', monthlyFeeYen: 15000, includedMessages: 30000, extraMessageYen: 3 } }),
  /** Deadlines a partner is given, in business days from the referral being sent. */
  referrals: z
    .object({ acknowledgeWithinBusinessDays: z.number().int().min(0).default(1), firstContactWithinBusinessDays: z.number().int().min(0).default(3) })
    .default({ acknowledgeWithinBusinessDays: 1, firstContactWithinBusinessDays: 3 }),
  /**
   * What the resident is shown before agreeing to share personal details. `{recipient}` becomes the
   * partner's name. A new wording needs a new `version`: each consent records the version it was given on.
   */
  consent: z
    .object({ version: z.string().min(1), referralPurpose: z.string().min(1).includes('{recipient}') })
    .default({ version: '2026-11', referralPurpose: DEFAULT_REFERRAL_PURPOSE }),
  /**
   * Who sees what. Staff see the queue and the cases offered, assigned or transferred to them, and
   * those they handled within `recentCaseDays`; supervisors and admins see all; anything else takes a
   * break-glass with a stated reason, open for `breakGlassMinutes`.
   */
  access: z
    .object({
      secondFactorForStaff: z.boolean().default(false),
      recentCaseDays: z.number().int().min(0).default(14),
      breakGlassMinutes: z.number().int().min(1).max(480).default(60),
    })
    .default({ secondFactorForStaff: false, recentCaseDays: 14, breakGlassMinutes: 60 }),
  /** How long each kind of data lives, in days; the daily retention schedule enforces it. */
  retention: z
    .object({
      /** Message text, hand-over summaries, notes and review notes, counted from the consultation's close. */
      caseTextDaysAfterClose: z.number().int().min(1).default(365),
      /** Raw webhook events, counted from their relay to the workflow. */
      inboxDaysAfterRelay: z.number().int().min(1).default(7),
      /** Ended or expired staff sessions. */
      sessionDays: z.number().int().min(1).default(30),
      /** Audit entries (at least 90 days: the audit log refuses earlier deletion). */
      auditDays: z.number().int().min(90).default(1825),
    })
    .default({ caseTextDaysAfterClose: 365, inboxDaysAfterRelay: 7, sessionDays: 30, auditDays: 1825 }),
  texts,
  /** Catalogues for residents who read another language (BCP 47 code → catalogue); Japanese is `texts`. */
  languages: z.record(z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a language code such as vi, zh-Hans or pt-BR'), languageCatalogue).default({}),
});

export type MunicipalityProfile = z.infer<typeof profileSchema>;

/** Reads and validates the municipality profile; any problem stops start-up naming the key. */
export function loadProfile(file: string): MunicipalityProfile {
  const resolved = path.resolve(file);
  const source = `MUNICIPALITY_PROFILE (${file})`;
  let raw: string;
  try {
    raw = fs.readFileSync(resolved, 'utf8');
  } catch (err) {
    throw new ConfigError(source, [`cannot read the file: ${(err as NodeJS.ErrnoException).code ?? String(err)}`]);
  }
  return parseProfile(raw, source);
}

export function parseProfile(yamlText: string, source = 'profile'): MunicipalityProfile {
  let data: unknown;
  try {
    data = parseYaml(yamlText);
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? ` at line ${err.linePos[0].line}` : '';
    throw new ConfigError(source, [`not valid YAML${where}: ${(err as Error).message.split('\n')[0]}`]);
  }
  const parsed = profileSchema.safeParse(data);
  // Catalogue gaps are named alongside any other problem, so a city fixes its file in one pass.
  if (!parsed.success) throw new ConfigError(source, [...describeZodIssues(parsed.error), ...checkCatalogues(data as LooseProfile)]);
  const ids = new Set<string>();
  const dupes = [...parsed.data.crisisLines, ...parsed.data.consultationLines, ...parsed.data.partners]
    .map((x) => x.id)
    .filter((id) => (ids.has(id) ? true : (ids.add(id), false)));
  if (dupes.length > 0) throw new ConfigError(source, dupes.map((id) => `id "${id}" is used twice among lines and partners`));
  const catalogueProblems = checkCatalogues(parsed.data as LooseProfile);
  if (catalogueProblems.length > 0) throw new ConfigError(source, catalogueProblems);
  return withStaffHours(parsed.data);
}

/** Each language's intake answers every question and option, and names only lines the profile has. */
type LooseProfile = {
  crisisLines?: { id?: string }[];
  consultationLines?: { id?: string }[];
  intake?: { questions?: { id?: string; options?: { value?: string }[] }[] };
  languages?: Record<string, { intake?: Record<string, { options?: Record<string, unknown> }>; lines?: Record<string, unknown> } | undefined>;
};

/**
 * Each language's intake answers every question and option, and names only lines the profile has.
 * Reads the file as written (possibly invalid elsewhere), so it looks at nothing it cannot find.
 */
function checkCatalogues(profile: LooseProfile): string[] {
  const problems: string[] = [];
  const missing = (key: string) => problems.push(`${key}: missing (every shipped language needs every key)`);
  const list = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : []);
  const lineIds = new Set([...list(profile?.crisisLines), ...list(profile?.consultationLines)].map((l) => l?.id));
  for (const [code, catalogue] of Object.entries(profile?.languages ?? {})) {
    if (!catalogue || typeof catalogue !== 'object') continue;
    for (const q of list(profile.intake?.questions)) {
      const local = catalogue.intake?.[q?.id ?? ''];
      if (!local) missing(`languages.${code}.intake.${q?.id}`);
      else for (const o of list(q.options)) if (!local.options?.[o?.value ?? '']) missing(`languages.${code}.intake.${q.id}.options.${o?.value}`);
    }
    for (const id of Object.keys(catalogue.lines ?? {})) if (!lineIds.has(id)) problems.push(`languages.${code}.lines.${id}: no line with this id in crisisLines or consultationLines`);
  }
  return problems;
}

/** Written in a resident text (`texts`, `terms.text`), becomes the staff hours from `businessHours`. */
export const STAFF_HOURS_PLACEHOLDER = '{staffHours}';

/**
 * Resident texts say when a person answers by `{staffHours}` rather than by a fixed 「平日9時〜18時」,
 * so changing `businessHours` changes every text that states them (「平日9時〜18時（祝日・年末年始を除く）」).
 */
function withStaffHours(profile: MunicipalityProfile): MunicipalityProfile {
  const filler = (hours: string) => (text: string) => text.replaceAll(STAFF_HOURS_PLACEHOLDER, hours);
  const fillTexts = <T extends Record<string, string>>(texts: T, fill: (t: string) => string) =>
    Object.fromEntries(Object.entries(texts).map(([key, text]) => [key, fill(text)])) as T;
  const ja = filler(describeStaffHours(profile, 'ja'));
  // Other languages get the hours in English, the closest to a lingua franca the calendar module writes.
  const other = filler(describeStaffHours(profile, 'en'));
  return {
    ...profile,
    terms: { ...profile.terms, text: ja(profile.terms.text) },
    texts: fillTexts(profile.texts, ja),
    languages: Object.fromEntries(
      Object.entries(profile.languages).map(([code, c]) => [code, { ...c, terms: other(c.terms), texts: fillTexts(c.texts, other) }]),
    ),
  };
}

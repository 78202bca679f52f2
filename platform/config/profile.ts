import fs from 'node:fs';
import path from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { describeStaffHours } from '../../workflows/calendar/staff-hours';
import { ConfigError, describeZodIssues } from './errors';

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
} as const;

const choice = z.object({ value: slug, label: z.string().min(1).max(20, 'LINE quick-reply labels are at most 20 characters') });

const intakeQuestion = z.object({
  id: slug,
  text: z.string().min(1),
  options: z.array(choice).min(2).max(13, 'LINE allows at most 13 quick replies'),
});

const texts = z.object({
  greeting: z.string().min(1),
  termsPrompt: z.string().min(1),
  termsAgree: z.string().min(1).max(20),
  termsDisagree: z.string().min(1).max(20),
  termsDeclined: z.string().min(1),
  intakeIntro: z.string().min(1),
  invitation: z.string().min(1),
  nonTextReply: z.string().min(1),
  aiFallback: z.string().min(1),
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
  if (!parsed.success) throw new ConfigError(source, describeZodIssues(parsed.error));
  const ids = new Set<string>();
  const dupes = [...parsed.data.crisisLines, ...parsed.data.consultationLines, ...parsed.data.partners]
    .map((x) => x.id)
    .filter((id) => (ids.has(id) ? true : (ids.add(id), false)));
  if (dupes.length > 0) throw new ConfigError(source, dupes.map((id) => `id "${id}" is used twice among lines and partners`));
  return withStaffHours(parsed.data);
}

/** Written in a resident text (`texts`, `terms.text`), becomes the staff hours from `businessHours`. */
export const STAFF_HOURS_PLACEHOLDER = '{staffHours}';

/**
 * Resident texts say when a person answers by `{staffHours}` rather than by a fixed 「平日9時〜18時」,
 * so changing `businessHours` changes every text that states them (「平日9時〜18時（祝日・年末年始を除く）」).
 */
function withStaffHours(profile: MunicipalityProfile): MunicipalityProfile {
  const hours = describeStaffHours(profile, 'ja');
  const fill = (text: string) => text.replaceAll(STAFF_HOURS_PLACEHOLDER, hours);
  return {
    ...profile,
    terms: { ...profile.terms, text: fill(profile.terms.text) },
    texts: Object.fromEntries(Object.entries(profile.texts).map(([key, text]) => [key, fill(text)])) as MunicipalityProfile['texts'],
  };
}

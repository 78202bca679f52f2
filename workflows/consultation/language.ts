/**
 * The resident's language: which of the profile's catalogues answers them, and the settings as that
 * catalogue writes them. Pure and sandbox-safe, so the workflow picks the catalogue per event.
 *
 * Japanese (`texts`) is complete and the fallback: a language the city does not ship, or a run whose
 * settings were loaded before catalogues existed, is answered in Japanese.
 */
import { formatOpeningJa, tokyoTime } from '../calendar/business-calendar';
import type { CatalogueTexts, ConversationSettings, LanguageSettings } from './conversation-settings';
import { NUDGE_TEXTS_JA } from '../nudges/nudge-texts';
import { CONSENT_TEXTS_JA, type ResidentWords } from '../consent/consent-texts';

export const JAPANESE = 'ja';

/**
 * The shipped catalogue for a BCP 47 tag (LINE profile `language`, a detector's guess, a choice):
 * exact first, then the same primary language (`zh-CN` → `zh-Hans`, `pt` → `pt-BR`), else Japanese.
 */
export function resolveLanguage(tag: string | undefined, shipped: readonly string[]): string {
  if (!tag) return JAPANESE;
  const wanted = tag.toLowerCase();
  const exact = shipped.find((code) => code.toLowerCase() === wanted);
  if (exact) return exact;
  const primary = wanted.split('-')[0];
  if (primary === JAPANESE) return JAPANESE;
  // Traditional Chinese readers are better served in Japanese than in Simplified characters they may not read.
  if (primary === 'zh' && /-(hant|tw|hk|mo)\b/.test(wanted)) return shipped.find((c) => /^zh-hant/i.test(c)) ?? JAPANESE;
  return shipped.find((code) => code.toLowerCase().split('-')[0] === primary) ?? JAPANESE;
}

/** Texts added to the catalogue later than a run's settings were loaded are taken from Japanese. */
const withFallback = (local: Partial<CatalogueTexts>, ja: Partial<CatalogueTexts>): CatalogueTexts => ({ ...JAPANESE_BEFORE_PROFILE, ...ja, ...local });

/** What a turn needs in the resident's language: the settings, their catalogue, and the words understood besides Japanese. */
export type LocalSettings = ConversationSettings & { texts: CatalogueTexts; language: string; words?: ResidentWords; referralPurpose?: string };

/** The settings in the resident's language: texts, terms, intake, lines and words; everything else unchanged. */
export function localise(settings: ConversationSettings, language: string | undefined): LocalSettings {
  const code = resolveLanguage(language, Object.keys(settings.languages ?? {}));
  const local: LanguageSettings | undefined = code === JAPANESE ? undefined : settings.languages?.[code];
  if (!local) return { ...settings, texts: withFallback({}, settings.texts), language: JAPANESE };
  return {
    ...settings,
    language: code,
    texts: withFallback(local.texts, settings.texts),
    termsText: local.termsText,
    intake: local.intake,
    crisisLines: local.crisisLines,
    consultationLines: local.consultationLines,
    words: local.words,
    referralPurpose: local.referralPurpose,
  };
}

/** The languages a resident can choose, Japanese first, each under its own name. */
export function languageChoices(settings: ConversationSettings): { code: string; name: string }[] {
  return [{ code: JAPANESE, name: '日本語' }, ...Object.entries(settings.languages ?? {}).map(([code, l]) => ({ code, name: l.name }))];
}

/** 「11月24日（火）9時」 in Japanese; 「11/24 9:00 (JST)」 in any other language, which every reader parses. */
export function formatOpening(tMs: number, language: string): string {
  if (language === JAPANESE) return formatOpeningJa(tMs);
  const t = tokyoTime(tMs);
  return `${t.month}/${t.day} ${t.hour}:${String(t.minute).padStart(2, '0')} (JST)`;
}

/** Fills `{name}` placeholders. */
export const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);

/**
 * The Japanese texts a run falls back to when its settings were loaded before the profile held them
 * (they are the profile's defaults of that time); a new run always takes them from the profile.
 */
export const JAPANESE_BEFORE_PROFILE: CatalogueTexts = {
  greeting: '',
  termsPrompt: '',
  termsAgree: '同意する',
  termsDisagree: '同意しない',
  termsDeclined: '',
  intakeIntro: '',
  invitation: '',
  nonTextReply: '',
  aiFallback: '',
  aiDisclosure: 'わたしはAIの聞き役です。',
  queued: 'よりそいスタッフにおつなぎします。順番にご案内しますので、このまま少しお待ちください。お待ちのあいだも、AIがお話を聴きます。',
  alreadyRequested: 'スタッフへのおつなぎを受け付けています。もう少しだけお待ちください。',
  reserved: 'ただいまスタッフの対応時間外です。スタッフは{opening}からお返事できます。その時間になったら、順番の先頭でおつなぎします。それまでは、AIがいつでもお話を聴きます。',
  opened: 'お待たせしました。スタッフの受付が始まりました。まもなく、よりそいスタッフからお返事します。',
  joined: 'よりそいスタッフの{staffName}です。ここからは、わたしがお話をうかがいます。',
  transferred: '担当のスタッフが交代します。ここからは{staffName}がお話をうかがいます。',
  released: 'スタッフとのお話はここまでです。ここからはまたAIがお話を聴きます。スタッフと話したいときは、いつでもメニューの「よりそいスタッフに話しかける」から呼んでください。',
  closedByStaff: 'ご相談ありがとうございました。またいつでも、ここに話しかけてください。',
  aiHere: 'AIの聞き役です。どんなことでも、思いつくままに話してください。',
  crisisLinesIntro: 'ひとりで抱えないでください。いますぐ人と話せる窓口です。',
  gentleLinesIntro: 'もし夜中でも誰かの声が聞きたくなったら、こんな窓口もあります。よかったら覚えておいてください。',
  emergency: 'いま命に危険がある、またはけがをしているときは、すぐに{ambulance}（救急）に電話してください。危険な人がそばにいるときは{police}（警察）へ。\nわたしはこのまま、ここでお話を聴いています。',
  safetyAcknowledgement: '話してくださって、ありがとうございます。とても大事なことなので、まず、いまあなたと話せる窓口をお伝えします。',
  listenerAcknowledgement: '話してくださって、ありがとうございます。',
  listenerQuestion: 'よかったら、もう少し詳しく聞かせてもらえますか？',
  listenerWeightOpening: 'とても大事なことを打ち明けてくださって、ありがとうございます。',
  listenerPersonOffer: 'よかったら、よりそいスタッフ（人の相談員）ともお話しできます。',
  languagePrompt: '使う言語を選んでください。 / Please choose your language.',
  languageChanged: 'ここからは日本語でお話しします。',
  menuStaff: 'よりそいスタッフに話しかける',
  menuAi: 'AIと話す',
  menuLines: '相談窓口一覧',
  menuTerms: '利用規約・プライバシー',
  menuLanguage: '言語 / Language',
  ...NUDGE_TEXTS_JA,
  ...CONSENT_TEXTS_JA,
};

import type { MunicipalityProfile } from '../platform/config/profile';
import type { ConversationSettings, LanguageSettings } from '../workflows/consultation/conversation-settings';
import { SATISFACTION_TEXT_KEYS, type SatisfactionTexts } from '../workflows/outcomes/satisfaction';

type Line = MunicipalityProfile['crisisLines'][number];

/** The terms as shown: with the scales at intake, they also say what the answers are used for. */
const termsAsShown = (profile: MunicipalityProfile, terms: string, note: string | undefined) =>
  profile.outcomes.scalesAtIntake ? `${terms.trimEnd()}\n${note ?? profile.texts.termsOutcomesNote}` : terms;

/**
 * One language's catalogue for the workflow: the lines keep their numbers and topics, take the
 * language's names and hours, and those the language names come first (a line that answers in the
 * resident's language before one that answers only in Japanese).
 */
function languageSettings(profile: MunicipalityProfile, catalogue: MunicipalityProfile['languages'][string]): LanguageSettings {
  const named = (lines: Line[]) =>
    [...lines]
      .sort((a, b) => Number(Boolean(catalogue.lines[b.id])) - Number(Boolean(catalogue.lines[a.id])))
      .map((l) => ({ name: catalogue.lines[l.id]?.name ?? l.name, phone: l.phone, hours: catalogue.lines[l.id]?.hours ?? l.hours, topics: l.topics }));
  return {
    name: catalogue.name,
    // Texts the language does not ship (optional ones added later) are read in Japanese.
    texts: { ...profile.texts, ...catalogue.texts },
    termsText: termsAsShown(profile, catalogue.terms, catalogue.texts.termsOutcomesNote),
    intake: profile.intake.questions.map((q) => ({
      id: q.id,
      text: catalogue.intake[q.id].text,
      options: q.options.map((o) => ({ value: o.value, label: catalogue.intake[q.id].options[o.value] })),
    })),
    crisisLines: named(profile.crisisLines),
    consultationLines: named([...profile.consultationLines, ...profile.crisisLines]).map(({ name, phone, hours }) => ({ name, phone, hours })),
    words: catalogue.words,
    referralPurpose: catalogue.consent?.referralPurpose,
  };
}

/** The closing question's texts: Japanese, and each language's own wording over the Japanese where it has one. */
function satisfactionTextsByLanguage(profile: MunicipalityProfile): Record<string, SatisfactionTexts> {
  const ja = Object.fromEntries(SATISFACTION_TEXT_KEYS.map((k) => [k, profile.texts[k]])) as unknown as SatisfactionTexts;
  return { ja, ...Object.fromEntries(Object.entries(profile.languages).map(([code, catalogue]) => [code, { ...ja, ...catalogue.satisfaction }])) };
}

/** Hands the workflow the profile values it needs; the result is kept in history, so replays agree. */
export function createProfileActivities(deps: { profile: MunicipalityProfile }) {
  const { profile } = deps;
  return {
    async loadConversationSettings(): Promise<ConversationSettings> {
      return {
        serviceName: profile.municipality.serviceName,
        termsVersion: profile.terms.version,
        termsText: termsAsShown(profile, profile.terms.text, profile.texts.termsOutcomesNote),
        intake: profile.intake.questions,
        consultationLines: [...profile.consultationLines, ...profile.crisisLines].map(({ name, phone, hours }) => ({ name, phone, hours })),
        texts: profile.texts,
        languages: Object.fromEntries(Object.entries(profile.languages).map(([code, catalogue]) => [code, languageSettings(profile, catalogue)])),
        businessHours: profile.businessHours,
        crisisLines: profile.crisisLines.map(({ name, phone, hours, topics }) => ({ name, phone, hours, topics })),
        emergency: profile.emergency,
        crisisAckMs: profile.escalation.crisisAckMinutes * 60_000,
        undeliveredAfterMs: profile.escalation.undeliveredAfterMinutes * 60_000,
        nudges: { ...profile.nudges, partners: profile.partners.map(({ id, topics }) => ({ id, topics })), staffPickupMinutes: profile.escalation.staffPickupMinutes },
        staffPickupMs: profile.escalation.staffPickupMinutes * 60_000,
        debounceMs: profile.ai.debounceSeconds * 1000,
        replyTokenMaxAgeMs: profile.ai.replyTokenMaxAgeSeconds * 1000,
        closeAfterSilenceMs: profile.consultation.closeAfterSilenceHours * 3600_000,
        satisfaction: { enabled: profile.outcomes.satisfactionQuestion, texts: satisfactionTextsByLanguage(profile) },
        scalesAtIntake: profile.outcomes.scalesAtIntake,
      };
    },
  };
}

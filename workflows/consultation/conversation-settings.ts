import type { BusinessHoursSettings } from '../calendar/calendar-from-profile';
import type { ConsentTexts, ResidentWords } from '../consent/consent-texts';
import type { NudgeSettings } from '../nudges/nudge-policy';
import type { NudgeTexts } from '../nudges/nudge-texts';
import type { SatisfactionTexts } from '../outcomes/satisfaction';

/** The part of the municipality profile a consultation uses, loaded by an activity at each run start. */
export interface PhoneLineInfo {
  name: string;
  phone: string;
  hours: string;
}

export interface IntakeQuestionInfo {
  id: string;
  text: string;
  options: { value: string; label: string }[];
}

/** Every text a resident reads, by key (platform/config/profile.ts: catalogueTexts). */
export type CatalogueKey =
  | 'greeting' | 'termsPrompt' | 'termsAgree' | 'termsDisagree' | 'termsDeclined' | 'intakeIntro' | 'invitation' | 'nonTextReply'
  | 'aiFallback' | 'aiDisclosure'
  | 'queued' | 'alreadyRequested' | 'reserved' | 'opened' | 'joined' | 'transferred' | 'released' | 'closedByStaff' | 'aiHere'
  | 'crisisLinesIntro' | 'gentleLinesIntro' | 'emergency' | 'safetyAcknowledgement'
  | 'listenerAcknowledgement' | 'listenerQuestion' | 'listenerWeightOpening' | 'listenerPersonOffer'
  | 'languagePrompt' | 'languageChanged' | 'menuStaff' | 'menuAi' | 'menuLines' | 'menuTerms' | 'menuLanguage'
  | keyof NudgeTexts
  | keyof ConsentTexts;
export type CatalogueTexts = Record<CatalogueKey, string>;

/** One language's catalogue as the workflow uses it. */
export interface LanguageSettings {
  name: string;
  texts: CatalogueTexts;
  termsText: string;
  intake: IntakeQuestionInfo[];
  crisisLines: { name: string; phone: string; hours: string; topics: string[] }[];
  consultationLines: PhoneLineInfo[];
  /** Words typed in this language that are understood besides the Japanese ones (absent in earlier runs). */
  words?: ResidentWords;
  /** The purpose of sharing personal details, `{recipient}` to fill (absent: the Japanese one). */
  referralPurpose?: string;
}

export interface ConversationSettings {
  serviceName: string;
  termsVersion: string;
  termsText: string;
  intake: IntakeQuestionInfo[];
  consultationLines: PhoneLineInfo[];
  /** The Japanese catalogue (runs started before the catalogue grew lack its later keys). */
  texts: Partial<CatalogueTexts> & Pick<CatalogueTexts, 'greeting' | 'termsPrompt' | 'termsAgree' | 'termsDisagree' | 'termsDeclined' | 'intakeIntro' | 'invitation' | 'nonTextReply'>;
  /** The other languages the city ships (absent in runs started before). */
  languages?: Record<string, LanguageSettings>;
  businessHours: BusinessHoursSettings;
  crisisLines: { name: string; phone: string; hours: string; topics: string[] }[];
  emergency: { ambulance: string; police: string };
  /** Minutes (in ms) a medium+ risk alert may go unacknowledged before a supervisor is alerted. */
  crisisAckMs: number;
  /** How long a LINE send is retried before it is recorded undelivered (optional: older histories lack it). */
  undeliveredAfterMs?: number;
  nudges: NudgeSettings;
  staffPickupMs: number;
  debounceMs: number;
  replyTokenMaxAgeMs: number;
  closeAfterSilenceMs: number;
  /** The closing question (absent in runs started before it): its switch and texts by language, `ja` always. */
  satisfaction?: { enabled: boolean; texts: Record<string, SatisfactionTexts> };
  /** Whether the short outcome scales (UCLA-3, K6) follow the intake questions (absent in earlier runs). */
  scalesAtIntake?: boolean;
}

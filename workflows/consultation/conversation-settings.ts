import type { BusinessHoursSettings } from '../calendar/calendar-from-profile';
import type { NudgeSettings } from '../nudges/nudge-policy';

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

export interface ConversationSettings {
  serviceName: string;
  termsVersion: string;
  termsText: string;
  intake: IntakeQuestionInfo[];
  consultationLines: PhoneLineInfo[];
  texts: {
    greeting: string;
    termsPrompt: string;
    termsAgree: string;
    termsDisagree: string;
    termsDeclined: string;
    intakeIntro: string;
    invitation: string;
    nonTextReply: string;
    /** Absent in runs started before the profile held it. */
    aiDisclosure?: string;
  };
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
}

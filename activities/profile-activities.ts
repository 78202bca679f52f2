import type { MunicipalityProfile } from '../platform/config/profile';
import type { ConversationSettings } from '../workflows/consultation/conversation-settings';

/** Hands the workflow the profile values it needs; the result is kept in history, so replays agree. */
export function createProfileActivities(deps: { profile: MunicipalityProfile }) {
  const { profile } = deps;
  return {
    async loadConversationSettings(): Promise<ConversationSettings> {
      return {
        serviceName: profile.municipality.serviceName,
        termsVersion: profile.terms.version,
        termsText: profile.terms.text,
        intake: profile.intake.questions,
        consultationLines: [...profile.consultationLines, ...profile.crisisLines].map(({ name, phone, hours }) => ({ name, phone, hours })),
        texts: profile.texts,
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
      };
    },
  };
}

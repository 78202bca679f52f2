import type { Knex } from 'knex';
import * as createStaffAccounts from './20261123000001_create_staff_accounts';
import * as createAuditLog from './20261123000002_create_audit_log';
import * as createResidentsAndConsultations from './20261123000003_create_residents_and_consultations';
import * as createMessages from './20261123000004_create_messages';
import * as createWebhookInbox from './20261123000005_create_webhook_inbox';
import * as createSystemChecks from './20261123000006_create_system_checks';
import * as addTermsDeclinedAndAiUsage from './20261123000007_add_terms_declined_and_ai_usage';
import * as createRiskAndAlerts from './20261123000008_create_risk_and_alerts';
import * as addStaffHandover from './20261123000009_add_staff_handover';
import * as addReportIndexes from './20261123000010_add_report_indexes';
import * as createConsentsAndReferrals from './20261123000011_create_consents_and_referrals';
import * as addReviewAndUndeliveredAlerts from './20261130000001_add_review_and_undelivered_alerts';
import * as hardenSignIn from './20261130150000_harden_sign_in';
import * as needToKnowAndAppendOnlyAudit from './20261130150100_need_to_know_and_append_only_audit';
import * as createRetentionRuns from './20261130150200_create_retention_runs';
import * as createHandoverSummaries from './20261130160100_create_handover_summaries';
import * as createSatisfactionResponses from './20261130180100_create_satisfaction_responses';
import * as inboxLeasesAndSendAttempts from './20261201090000_inbox_leases_and_send_attempts';
import * as atrestSealedTextKeyIds from './20261201100000_atrest_sealed_text_key_ids';
import * as langsResidentLanguage from './20261201100100_langs_resident_language';
import * as nudgesCheckIns from './20261201100100_nudges_check_ins';
import * as workbenchCannedReplies from './20261201100200_workbench_canned_replies';
import * as workbenchFollowUpTasks from './20261201100300_workbench_follow_up_tasks';
import * as translateMessagePairs from './20261201100400_translate_message_pairs';
import * as codecSealedInboxContentAndSatisfactionComment from './20261201110000_codec_sealed_inbox_content_and_satisfaction_comment';
import * as outcomesSatisfactionPending from './20261201110000_outcomes_satisfaction_pending';
import * as mediaResidentMedia from './20261201110100_media_resident_media';
import * as outcomesScaleResponses from './20261201110100_outcomes_scale_responses';
import * as reportDayRollups from './20261201120000_report_day_rollups';
import * as residentMenuLanguage from './20261201130000_resident_menu_language';

interface Migration {
  up(knex: Knex): Promise<void>;
  down(knex: Knex): Promise<void>;
}

/**
 * Migrations listed in order, imported statically so they run the same under tsx, jest and the
 * compiled build (knex's directory scan would need a TypeScript loader at run time).
 */
export const migrations: Record<string, Migration> = {
  '20261123000001_create_staff_accounts': createStaffAccounts,
  '20261123000002_create_audit_log': createAuditLog,
  '20261123000003_create_residents_and_consultations': createResidentsAndConsultations,
  '20261123000004_create_messages': createMessages,
  '20261123000005_create_webhook_inbox': createWebhookInbox,
  '20261123000006_create_system_checks': createSystemChecks,
  '20261123000007_add_terms_declined_and_ai_usage': addTermsDeclinedAndAiUsage,
  '20261123000008_create_risk_and_alerts': createRiskAndAlerts,
  '20261123000009_add_staff_handover': addStaffHandover,
  '20261123000010_add_report_indexes': addReportIndexes,
  '20261123000011_create_consents_and_referrals': createConsentsAndReferrals,
  '20261130000001_add_review_and_undelivered_alerts': addReviewAndUndeliveredAlerts,
  '20261130150000_harden_sign_in': hardenSignIn,
  '20261130150100_need_to_know_and_append_only_audit': needToKnowAndAppendOnlyAudit,
  '20261130150200_create_retention_runs': createRetentionRuns,
  '20261130160100_create_handover_summaries': createHandoverSummaries,
  '20261130180100_create_satisfaction_responses': createSatisfactionResponses,
  '20261201090000_inbox_leases_and_send_attempts': inboxLeasesAndSendAttempts,
  '20261201100000_atrest_sealed_text_key_ids': atrestSealedTextKeyIds,
  '20261201100100_langs_resident_language': langsResidentLanguage,
  '20261201100100_nudges_check_ins': nudgesCheckIns,
  '20261201100200_workbench_canned_replies': workbenchCannedReplies,
  '20261201100300_workbench_follow_up_tasks': workbenchFollowUpTasks,
  '20261201100400_translate_message_pairs': translateMessagePairs,
  '20261201110000_codec_sealed_inbox_content_and_satisfaction_comment': codecSealedInboxContentAndSatisfactionComment,
  '20261201110000_outcomes_satisfaction_pending': outcomesSatisfactionPending,
  '20261201110100_media_resident_media': mediaResidentMedia,
  '20261201110100_outcomes_scale_responses': outcomesScaleResponses,
  '20261201120000_report_day_rollups': reportDayRollups,
  '20261201130000_resident_menu_language': residentMenuLanguage,
};

export const migrationSource: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name],
};

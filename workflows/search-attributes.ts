import { defineSearchAttributeKey } from '@temporalio/common';

/**
 * Search attributes the workflows set, so operators can find cases in the Temporal Web UI.
 * The dev server registers every key listed here; a production namespace needs the same keys
 * (`temporal operator search-attribute create`), or workflow tasks retry forever.
 */
export const ConsultationStatus = defineSearchAttributeKey('ConsultationStatus', 'KEYWORD');
export const RiskLevel = defineSearchAttributeKey('RiskLevel', 'KEYWORD');
export const ResidentCode = defineSearchAttributeKey('ResidentCode', 'KEYWORD');

export const ALL_SEARCH_ATTRIBUTES = [ConsultationStatus, RiskLevel, ResidentCode];

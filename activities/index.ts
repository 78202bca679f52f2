import type { messagingApi } from '@line/bot-sdk';
import type OpenAI from 'openai';
import type { MunicipalityProfile } from '../platform/config/profile';
import type { Db } from '../platform/db';
import type { Logger } from '../platform/logger';
import { createAlertActivities } from './alert-activities';
import { createCalendarActivities } from './calendar/holidays';
import { createDatabaseActivities } from './database-activities';
import { createLineActivities } from './line-activities';
import { createListeningActivities } from './listening-activities';
import { createMediaActivities } from './media-activities';
import { createNudgeActivities } from './nudge-activities';
import { createOutcomeActivities } from './outcome-activities';
import { createProfileActivities } from './profile-activities';
import { createRiskActivities } from './risk-activities';
import type { Mailer } from '../platform/mail';
import type { PiiKeyring } from '../platform/crypto/pii-cipher';
import { createReferralActivities } from './referral-activities';
import { createRetentionActivities } from './retention-activities';

export interface ActivityDeps {
  db: Db;
  profile: MunicipalityProfile;
  line: messagingApi.MessagingApiClient;
  /** LINE's data host (content residents send); without it media is recorded but not fetched. */
  lineBlob?: messagingApi.MessagingApiBlobClient;
  llm?: OpenAI;
  logger: Logger;
  mailer?: Mailer;
  publicBaseUrl?: string;
  /** Signs on-call webhook bodies (HMAC-SHA256), so the receiver can tell them from forgeries. */
  onCallWebhookSecret?: string;
  workerIdentity: string;
  /** Personal-detail keys: the column cipher for activities, the payload codec for the worker. */
  keyring: PiiKeyring;
}

/** All activities, grouped by the outside system they touch; workflows import only the type. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createDatabaseActivities(deps),
    ...createProfileActivities(deps),
    ...createCalendarActivities(),
    ...createLineActivities({ ...deps, replyTokenMaxAgeMs: deps.profile.ai.replyTokenMaxAgeSeconds * 1000 }),
    ...createListeningActivities(deps),
    ...createRiskActivities({ ...deps, model: deps.profile.ai.model }),
    ...createAlertActivities(deps),
    ...createReferralActivities(deps),
    ...createRetentionActivities(deps),
    ...createNudgeActivities(deps),
    ...createMediaActivities(deps),
    ...createOutcomeActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;

import { ActivityFailure, condition, continueAsNew, proxyActivities, setHandler, uuid4, workflowInfo } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { calendarFromProfile, holidayYearsAround } from '../calendar/calendar-from-profile';
import { text, type TextMessage } from '../consultation/line-messages';
import { SCALE_FOLLOW_UP_TEXT } from '../outcomes/scales';
import { checkInConsentMessage, checkInMessage, CheckInStopReason, decideCheckIn } from './check-in-policy';
import { CheckInInput, checkInWakeSignal } from './messages';

const db = proxyActivities<Activities>({ startToCloseTimeout: '10 seconds', retry: { maximumInterval: '5 seconds' } });
// Keyed sends: a retry never reaches the resident twice. Given up after 10 minutes, like a consultation's push.
const line = proxyActivities<Activities>({
  startToCloseTimeout: '20 seconds',
  scheduleToCloseTimeout: '10 minutes',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
});

const DAY_MS = 24 * 3_600_000;
const ROUNDS_PER_RUN = 100;

/**
 * One per resident (`check-in-<residentId>`), started or woken when a consultation closes and when the
 * resident answers the consent question. Each round loads the resident's status from the database and
 * lets the pure policy decide, so a new message (a consultation opens), a withdrawal or a block is seen
 * whenever the timer fires, and a wake signal makes it decide at once. It ends whenever there is
 * nothing to wait for; whatever changes that starts it again.
 */
export async function checkInWorkflow(input: CheckInInput): Promise<{ stopped: CheckInStopReason }> {
  const { residentId } = input;
  let woken = false;
  setHandler(checkInWakeSignal, () => {
    woken = true;
  });
  const { settings, texts, businessHours } = await db.loadCheckInSettings({ residentId });
  const calendar = calendarFromProfile(businessHours, await db.listJapaneseHolidays(holidayYearsAround(Date.now())));

  const send = (sendKey: string, consultationId: string, message: TextMessage): Promise<boolean> => sendAll(sendKey, consultationId, [message]);
  const sendAll = async (sendKey: string, consultationId: string, messages: TextMessage[]): Promise<boolean> => {
    try {
      const outcome = await line.sendToResident({ sendKey, consultationId, residentId, messages, sender: 'system' });
      return outcome.status === 'sent';
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      return false;
    }
  };

  for (let round = 0; round < ROUNDS_PER_RUN && !workflowInfo().continueAsNewSuggested; round += 1) {
    woken = false;
    const status = await db.loadCheckInStatus({ residentId });
    const decision = decideCheckIn(status, settings, Date.now(), calendar);
    if (decision.kind === 'stop') return { stopped: decision.reason };
    if (decision.at > Date.now()) {
      // Woken early (consent withdrawn, a consultation opened or closed): decide again on fresh status.
      await condition(() => woken, decision.at - Date.now());
      continue;
    }
    const consultationId = status.latestConsultationId as string;
    if (decision.kind === 'ask-consent') {
      // Asked once: the fixed key finds an earlier attempt, and the row marks it asked whatever LINE said.
      await send(`check-in-consent-${residentId}`, consultationId, checkInConsentMessage(texts));
      await db.markCheckInConsentAsked({ residentId, purpose: settings.purpose, version: settings.consentVersion });
      continue;
    }
    if (decision.kind === 'scale-follow-up') {
      // The row is started first (so the next round moves on), then its first item goes out once (fixed key).
      const items = await db.startScale({ residentId, consultationId, scale: 'ucla3', occasion: 'follow-up' });
      if (items.length > 0) await sendAll(`scale-follow-up-${residentId}`, consultationId, [text(texts.scaleFollowUp ?? SCALE_FOLLOW_UP_TEXT), ...items]);
      continue;
    }
    const checkInId = uuid4();
    if (await send(`check-in-${checkInId}`, consultationId, checkInMessage(texts))) {
      await db.recordCheckInSent({ checkInId, residentId });
    } else {
      // LINE would not take it: try again a day later rather than at once.
      await condition(() => woken, DAY_MS);
    }
  }
  return continueAsNew<typeof checkInWorkflow>(input);
}

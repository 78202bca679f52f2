import { allHandlersFinished, ApplicationFailure, condition, proxyActivities, setHandler, uuid4 } from '@temporalio/workflow';
import { Mutex } from 'async-mutex';
import type { Activities } from '../../activities';
import { ReferralInput, referralActionUpdate, referralWithdrawSignal } from './messages';
import { isAcknowledged, isContactDone, nextReferralStatus, ReferralStatus, TERMINAL } from './referral-policy';

const acts = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry: { maximumInterval: '1 minute' } });
const line = proxyActivities<Activities>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '2 minutes', maximumAttempts: 30 },
});

/**
 * One referral, followed to its end: a child of the consultation (`referral-<id>`, parent close policy
 * ABANDON), so it outlives the consultation that started it — a partner may take days to answer.
 * Deadlines come from an activity (business days from the profile and the holiday list); when one
 * passes, the partner gets a reminder mail and staff a dashboard notice.
 */
export async function referralWorkflow(input: ReferralInput): Promise<{ status: ReferralStatus }> {
  const { referralId } = input;
  let status: ReferralStatus = 'sent';
  let withdrawn = false;
  // Every change of status takes this lock. Without it, a decline sent while an accept awaits its
  // activity passes the validator (the status is still 'sent') and both would be recorded.
  const changes = new Mutex();

  setHandler(referralWithdrawSignal, () => {
    withdrawn = true;
  });

  setHandler(
    referralActionUpdate,
    ({ action, actorId, note }) =>
      changes.runExclusive(async () => {
        // Checked again under the lock: an update accepted a moment ago may no longer apply.
        if (withdrawn || TERMINAL.includes(status)) throw ApplicationFailure.nonRetryable(`the referral is ${withdrawn ? 'withdrawn' : status}`, 'ReferralStepRefused');
        let to: ReferralStatus;
        try {
          to = nextReferralStatus(status, action);
        } catch (err) {
          throw ApplicationFailure.nonRetryable((err as Error).message, 'ReferralStepRefused');
        }
        await acts.recordReferralTransition({ referralId, to, action, actorId, note });
        status = to;
        if (to === 'accepted') {
          const text = await acts.referralAcceptedMessage({ referralId });
          await line.sendToResident({ sendKey: `referral-accepted-${referralId}`, consultationId: input.consultationId, residentId: input.residentId, messages: [{ type: 'text', text }], sender: 'system' });
        }
        return { status };
      }),
    {
      validator: ({ action }) => {
        if (withdrawn || TERMINAL.includes(status)) throw new Error(`the referral is ${withdrawn ? 'withdrawn' : status}`);
        nextReferralStatus(status, action);
      },
    },
  );

  const sent = await acts.sendReferral({ referralId });
  const due = await acts.computeReferralDeadlines({ referralId, sentAt: sent.sentAt });

  const overdue = async (stage: 'acknowledge' | 'contact', dueAt: number, done: () => boolean) => {
    const met = await condition(() => done() || withdrawn, Math.max(1, dueAt - Date.now()));
    if (!met) await acts.referralOverdue({ referralId, stage, alertId: uuid4() });
  };
  const watches = [overdue('acknowledge', due.acknowledgeDueAt, () => isAcknowledged(status)), overdue('contact', due.contactDueAt, () => isContactDone(status))];

  await condition(() => withdrawn || TERMINAL.includes(status));
  await changes.runExclusive(async () => {
    if (!withdrawn || TERMINAL.includes(status)) return;
    await acts.recordReferralTransition({ referralId, to: 'withdrawn', action: 'withdraw', actorId: undefined });
    status = 'withdrawn';
  });
  await Promise.all(watches);
  await condition(allHandlersFinished);
  return { status };
}

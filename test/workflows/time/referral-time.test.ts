import { WorkflowUpdateFailedError } from '@temporalio/client';
import { addBusinessDays, tokyoInstant } from '../../../workflows/calendar/business-calendar';
import { referralWorkflow } from '../../../workflows';
import { referralActionUpdate, referralWithdrawSignal, referralWorkflowId } from '../../../workflows/referral/messages';
import { eventually } from '../../helpers/eventually';
import { skipTo, type StubbedActivities, stubActivities, timeSkippingSuite } from '../../helpers/time-skipping';
import { nextFriday } from './business-days';

const MINUTE = 60_000;

/** A referral's deadlines in business days, run through the workflow with days skipped. */
describe('referral over time', () => {
  const suite = timeSkippingSuite();

  let n = 0;
  const start = async (stubs: StubbedActivities) => {
    const referralId = `ref-${(n += 1)}`;
    const handle = await suite.start(stubs, referralWorkflow, {
      workflowId: referralWorkflowId(referralId),
      args: [{ referralId, residentId: 'resident-1', consultationId: 'consultation-1', parentWorkflowId: 'consultation-resident-1' }],
    });
    return { handle, referralId };
  };

  it('reminds the partner after the weekend, at the close of the business day the acknowledgement was due, then for first contact', async () => {
    const stubs = stubActivities();
    const { friday, reopening: monday } = nextFriday(await suite.env.currentTimeMs(), stubs.calendar(await suite.env.currentTimeMs()), 'monday');
    await skipTo(suite.env, tokyoInstant(friday, '17:00'));
    const { handle } = await start(stubs);
    await eventually(async () => expect(stubs.callsOf('computeReferralDeadlines')).toHaveLength(1));
    const sentAt = stubs.callsOf('sendReferral')[0].at;
    // One business day after a Friday is Monday's close, not Saturday's.
    const acknowledgeDue = tokyoInstant(monday, '18:00');
    const contactDue = addBusinessDays(sentAt, stubs.profile.referrals.firstContactWithinBusinessDays, stubs.calendar(sentAt));
    expect(addBusinessDays(sentAt, stubs.profile.referrals.acknowledgeWithinBusinessDays, stubs.calendar(sentAt))).toBe(acknowledgeDue);

    await skipTo(suite.env, acknowledgeDue - MINUTE);
    expect(stubs.callsOf('referralOverdue')).toEqual([]);
    await skipTo(suite.env, acknowledgeDue + MINUTE);
    await eventually(async () => expect(stubs.callsOf('referralOverdue').map((c) => c.input.stage)).toEqual(['acknowledge']));
    expect(stubs.callsOf('referralOverdue')[0].at).toBeGreaterThanOrEqual(acknowledgeDue);

    // The partner answers late; the first-contact deadline still stands.
    await handle.executeUpdate(referralActionUpdate, { args: [{ action: 'accept', actorId: 'partner-1' }] });
    await skipTo(suite.env, contactDue - MINUTE);
    expect(stubs.callsOf('referralOverdue')).toHaveLength(1);
    await skipTo(suite.env, contactDue + MINUTE);
    await eventually(async () => expect(stubs.callsOf('referralOverdue').map((c) => c.input.stage)).toEqual(['acknowledge', 'contact']));
    expect(stubs.callsOf('referralOverdue')[1].at).toBeGreaterThanOrEqual(contactDue);

    await handle.signal(referralWithdrawSignal);
    expect(await handle.result()).toEqual({ status: 'withdrawn' });
  });

  it('records only one of an accept and a decline sent together, and refuses the other', async () => {
    // The first transition is held until both updates are in, so their handlers overlap.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const stubs = stubActivities({ overrides: { recordReferralTransition: () => held } });
    const { handle } = await start(stubs);
    await eventually(async () => expect(stubs.callsOf('computeReferralDeadlines')).toHaveLength(1));

    const accept = await handle.startUpdate(referralActionUpdate, { args: [{ action: 'accept', actorId: 'partner-1' }], waitForStage: 'ACCEPTED' });
    const decline = await handle.startUpdate(referralActionUpdate, { args: [{ action: 'decline', actorId: 'partner-2', note: '対応できる職員がいません' }], waitForStage: 'ACCEPTED' });
    release();
    const outcomes = await Promise.allSettled([accept.result(), decline.result()]);

    expect(outcomes[0]).toEqual({ status: 'fulfilled', value: { status: 'accepted' } });
    expect(outcomes[1].status).toBe('rejected');
    const refusal = (outcomes[1] as PromiseRejectedResult).reason;
    expect(refusal).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(refusal.cause.message).toBe('cannot decline a referral that is accepted');
    expect(stubs.callsOf('recordReferralTransition').map((c) => c.input.to)).toEqual(['accepted']);
    await handle.signal(referralWithdrawSignal);
    expect(await handle.result()).toEqual({ status: 'withdrawn' });
  });
});

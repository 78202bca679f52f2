import { activityInfo } from '@temporalio/activity';
import { checkInWorkflow } from '../../../workflows';
import { isOpen } from '../../../workflows/calendar/business-calendar';
import { CHECK_IN_POSTBACK, type CheckInStatus } from '../../../workflows/check-ins/check-in-policy';
import { checkInWakeSignal, checkInWorkflowId } from '../../../workflows/check-ins/messages';
import { inQuietHours } from '../../../workflows/nudges/nudge-policy';
import { SCALE_FOLLOW_UP_TEXT, scaleItemMessage, UCLA3 } from '../../../workflows/outcomes/scales';
import { eventually } from '../../helpers/eventually';
import { skipTo, stubActivities, timeSkippingSuite } from '../../helpers/time-skipping';

const DAY = 24 * 3_600_000;

/**
 * The caring check-in timer over days: on the time-skipping server, with a resident whose status
 * (consent, block, last message, check-ins sent) lives in the test and changes as a database would.
 */
describe('caring check-ins over time', () => {
  const suite = timeSkippingSuite();

  let n = 0;
  /** A resident who last wrote `lastMessageAt`, whose consultation has closed. */
  const resident = (consent: CheckInStatus['consent'], lastMessageAt: number, maxCount = 3) => {
    const status: CheckInStatus = { consent, reachable: true, openConsultation: false, latestConsultationId: 'consultation-under-test', lastResidentMessageMs: lastMessageAt, sentCount: 0 };
    const now = () => activityInfo().currentAttemptScheduledTimestampMs;
    const stubs = stubActivities({
      profile: (p) => {
        p.checkIns.maxCount = maxCount;
      },
      overrides: {
        loadCheckInStatus: async () => ({ ...status }),
        markCheckInConsentAsked: async () => {
          if (status.consent === 'none') status.consent = 'asked';
        },
        // The follow-up scale's row, once started, takes it out of the status (as the database query does).
        startScale: async () => {
          const due = status.scaleFollowUpFromMs !== undefined;
          delete status.scaleFollowUpFromMs;
          return due ? [scaleItemMessage(UCLA3, UCLA3.items[0])] : [];
        },
        recordCheckInSent: async () => {
          status.sentCount += 1;
          status.lastCheckInMs = now();
        },
      },
    });
    const sends = () => stubs.callsOf('sendToResident').map((c) => ({ at: c.at, text: c.input.messages[0].text, postbacks: (c.input.messages[0].quickReply?.items ?? []).map((i) => i.action.data) }));
    const start = () => {
      // The test server skips to a finished run's execution timeout while a result is awaited (10 years
      // by default, past the holiday data); a short one keeps the shared clock within a few months.
      return suite.start(stubs, checkInWorkflow, { workflowId: checkInWorkflowId(`resident-${(n += 1)}`), args: [{ residentId: `resident-${n}` }], workflowExecutionTimeout: '120 days' });
    };
    return { status, stubs, sends, start };
  };

  it('with consent, sends the profile’s check-in after its days of silence, in staff hours of a business day, with a person and the AI one tap away', async () => {
    const lastMessageAt = await suite.env.currentTimeMs();
    const r = resident('given', lastMessageAt, 1);
    const days = r.stubs.profile.checkIns.afterSilenceDays;
    const handle = await r.start();
    await skipTo(suite.env, lastMessageAt + days * DAY - 3_600_000);
    expect(r.sends()).toEqual([]);
    expect(await handle.result()).toEqual({ stopped: 'max-reached' });

    const [sent] = r.sends();
    expect(r.sends()).toHaveLength(1);
    expect(sent.text).toBe(r.stubs.profile.texts.checkInMessage.trim());
    expect(sent.postbacks).toEqual([CHECK_IN_POSTBACK.person, CHECK_IN_POSTBACK.ai, CHECK_IN_POSTBACK.stop]);
    expect(sent.at).toBeGreaterThanOrEqual(lastMessageAt + days * DAY);
    expect(sent.at).toBeLessThan(lastMessageAt + (days + 5) * DAY);
    expect(isOpen(sent.at, r.stubs.calendar(sent.at))).toBe(true);
    expect(inQuietHours(sent.at, r.stubs.profile.nudges.quietHours)).toBe(false);
  });

  it('without consent sends nothing; not yet asked, asks once (skippable) and then waits for the answer', async () => {
    const declined = resident('declined', await suite.env.currentTimeMs());
    expect(await (await declined.start()).result()).toEqual({ stopped: 'declined' });
    expect(declined.sends()).toEqual([]);

    const unasked = resident('none', await suite.env.currentTimeMs());
    expect(await (await unasked.start()).result()).toEqual({ stopped: 'awaiting-answer' });
    expect(unasked.sends()).toHaveLength(1);
    expect(unasked.sends()[0]).toMatchObject({ text: unasked.stubs.profile.texts.checkInConsentAsk.trim(), postbacks: [CHECK_IN_POSTBACK.agree, CHECK_IN_POSTBACK.decline] });
    expect(inQuietHours(unasked.sends()[0].at, unasked.stubs.profile.nudges.quietHours)).toBe(false);
    expect(unasked.stubs.callsOf('markCheckInConsentAsked')[0].input).toMatchObject({ version: unasked.stubs.profile.checkIns.consentVersion, purpose: unasked.stubs.profile.checkIns.purpose });
  });

  it('stops the timer when the resident withdraws, and sends nothing to a resident who blocked the account', async () => {
    const start = await suite.env.currentTimeMs();
    const r = resident('given', start);
    const handle = await r.start();
    await skipTo(suite.env, start + 2 * DAY);
    r.status.consent = 'withdrawn';
    await handle.signal(checkInWakeSignal);
    expect(await handle.result()).toEqual({ stopped: 'withdrawn' });
    expect(r.sends()).toEqual([]);

    const blocked = resident('given', await suite.env.currentTimeMs());
    blocked.status.reachable = false;
    expect(await (await blocked.start()).result()).toEqual({ stopped: 'blocked' });
    expect(blocked.sends()).toEqual([]);
  });

  it('counts the silence again from a new message, and stops after the profile’s maximum', async () => {
    const start = await suite.env.currentTimeMs();
    const r = resident('given', start, 3);
    const days = r.stubs.profile.checkIns.afterSilenceDays;
    const handle = await r.start();
    // The resident writes again on day 3 (a consultation opened and closed, which wakes the timer).
    await skipTo(suite.env, start + 3 * DAY);
    const wroteAt = await suite.env.currentTimeMs();
    r.status.lastResidentMessageMs = wroteAt;
    await handle.signal(checkInWakeSignal);
    expect(await handle.result()).toEqual({ stopped: 'max-reached' });

    const at = r.sends().map((s) => s.at);
    expect(at).toHaveLength(3);
    expect(at[0]).toBeGreaterThanOrEqual(wroteAt + days * DAY);
    // Each next one after the same days of silence since the one before.
    expect(at[1] - at[0]).toBeGreaterThanOrEqual(days * DAY);
    expect(at[2] - at[1]).toBeGreaterThanOrEqual(days * DAY);
    await eventually(async () => expect(r.stubs.callsOf('recordCheckInSent')).toHaveLength(3));
  });

  it('asks the outcome scales again 2–4 weeks after the intake ones, once, between the check-ins', async () => {
    const start = await suite.env.currentTimeMs();
    const r = resident('given', start, 2);
    r.status.scaleFollowUpFromMs = start; // the resident completed UCLA-3 at intake just now
    const days = r.stubs.profile.checkIns.afterSilenceDays;
    const handle = await r.start();
    expect(await handle.result()).toEqual({ stopped: 'max-reached' });

    const sends = r.sends();
    expect(sends.map((x) => x.text)).toEqual([r.stubs.profile.texts.checkInMessage.trim(), SCALE_FOLLOW_UP_TEXT, r.stubs.profile.texts.checkInMessage.trim()]);
    const followUp = sends[1];
    expect(followUp.at).toBeGreaterThanOrEqual(start + 14 * DAY);
    expect(followUp.at).toBeLessThanOrEqual(start + 28 * DAY);
    expect(inQuietHours(followUp.at, r.stubs.profile.nudges.quietHours)).toBe(false);
    // Its first item (and 「答えない」) came in the same push, after the greeting.
    const call = r.stubs.callsOf('sendToResident')[1].input as { messages: { text: string; quickReply?: { items: { action: { data: string } }[] } }[] };
    expect(call.messages[1].text).toContain(UCLA3.items[0].text);
    expect(call.messages[1].quickReply?.items.map((i) => i.action.data)).toContain('scale=ucla3&skip=1');
    expect(r.stubs.callsOf('startScale').map((c) => c.input)).toEqual([expect.objectContaining({ scale: 'ucla3', occasion: 'follow-up' })]);
    expect(sends[2].at - sends[0].at).toBeGreaterThanOrEqual(days * DAY);
  });
});

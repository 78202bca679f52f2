import { formatOpeningJa, tokyoInstant } from '../../../workflows/calendar/business-calendar';
import { consultationWorkflow } from '../../../workflows';
import { consultationViewQuery, consultationWorkflowId, residentEventSignal, type ResidentEvent } from '../../../workflows/consultation/messages';
import { assessRiskByRules } from '../../../workflows/safety/risk-rules';
import { eventually } from '../../helpers/eventually';
import { skipTo, type StubbedActivities, stubActivities, timeSkippingSuite } from '../../helpers/time-skipping';
import { nextFriday } from './business-days';

const MINUTE = 60_000;

/**
 * What a consultation does when time passes: the wake-up at opening, the silence close, the crisis
 * escalation. Days pass in milliseconds on the time-skipping test server; activities are stubs that
 * record when the workflow called them.
 */
describe('consultation over time', () => {
  const suite = timeSkippingSuite();

  let n = 0;
  const event = (at: number, e: { kind: 'text'; text: string } | { kind: 'postback'; data: string }): ResidentEvent => ({ ...e, eventId: `ev-${(n += 1)}`, timestamp: at });

  const start = (stubs: StubbedActivities) => {
    const residentId = `resident-${(n += 1)}`;
    return suite.start(stubs, consultationWorkflow, { workflowId: consultationWorkflowId(residentId), args: [{ residentId }] });
  };

  it.each([
    ['Monday', 'monday'],
    ['Tuesday after a Monday holiday', 'tuesday'],
  ] as const)('a person asked for on Friday at 17:59 is queued on %s at 9:00, not before', async (_label, reopens) => {
    const stubs = stubActivities();
    const { friday, reopening } = nextFriday(await suite.env.currentTimeMs(), stubs.calendar(await suite.env.currentTimeMs()), reopens);
    const askedAt = tokyoInstant(friday, '17:59');
    const opening = tokyoInstant(reopening, '09:00');
    await skipTo(suite.env, askedAt);
    const handle = await start(stubs);
    await handle.signal(residentEventSignal, event(askedAt, { kind: 'postback', data: 'menu=staff' }));
    // Told when a person can answer, in Japanese.
    await eventually(async () => expect(stubs.sentTexts().join('\n')).toContain(formatOpeningJa(opening)));
    expect((await handle.query(consultationViewQuery)).reservedFor).toBe(opening);

    await skipTo(suite.env, opening - MINUTE);
    expect(stubs.callsOf('enterQueue')).toEqual([]);
    await skipTo(suite.env, opening + MINUTE);
    await eventually(async () => expect(stubs.callsOf('enterQueue')).toHaveLength(1));
    const [queued] = stubs.callsOf('enterQueue');
    expect(queued.at).toBeGreaterThanOrEqual(opening);
    expect(queued.at).toBeLessThan(opening + MINUTE);
    // The queue keeps the time of the request, so the resident is not sent to the back.
    expect(queued.input.waitingSince).toBeGreaterThanOrEqual(askedAt);
    expect(queued.input.waitingSince).toBeLessThan(askedAt + MINUTE);
    await eventually(async () => expect((await handle.query(consultationViewQuery)).phase).toBe('waiting_for_staff'));
  });

  it('honours a reservation carried into a continued run: queued at the opening, the resident told once', async () => {
    const stubs = stubActivities();
    const { friday, reopening } = nextFriday(await suite.env.currentTimeMs(), stubs.calendar(await suite.env.currentTimeMs()), 'monday');
    const askedAt = tokyoInstant(friday, '20:00');
    const opening = tokyoInstant(reopening, '09:00');
    await skipTo(suite.env, tokyoInstant(friday, '21:00'));
    // The run a continue-as-new starts: the reservation made by its predecessor comes in its input.
    const residentId = `resident-${(n += 1)}`;
    const handle = await suite.start(stubs, consultationWorkflow, {
      workflowId: consultationWorkflowId(residentId),
      args: [
        {
          residentId,
          carried: {
            phase: 'listening',
            highestRisk: 'none',
            reservation: { at: opening, requestedAt: askedAt, reason: 'menu' },
            nudges: { offersMs: [], turnsSinceLastOffer: 0, offeredTopics: [] },
            step: { name: 'done' },
            turns: 4,
            pending: [],
            seenEventIds: [],
          },
        },
      ],
    });
    expect((await handle.query(consultationViewQuery)).reservedFor).toBe(opening);
    await skipTo(suite.env, opening + MINUTE);
    await eventually(async () => expect(stubs.callsOf('enterQueue').map((c) => c.input.waitingSince)).toEqual([askedAt]));
    expect(stubs.callsOf('enterQueue')[0].at).toBeGreaterThanOrEqual(opening);
    await eventually(async () => expect(stubs.sentTexts().filter((t) => t.includes('スタッフの受付が始まりました'))).toHaveLength(1));
  });

  it('keeps a reservation through a real continue-as-new: queued at the opening, the resident told once', async () => {
    const stubs = stubActivities();
    const { friday, reopening } = nextFriday(await suite.env.currentTimeMs(), stubs.calendar(await suite.env.currentTimeMs()), 'monday');
    const askedAt = tokyoInstant(friday, '20:00');
    const opening = tokyoInstant(reopening, '09:00');
    await skipTo(suite.env, askedAt);
    const residentId = `resident-${(n += 1)}`;
    // A history limit of one: the run continues as new after the turn that made the reservation.
    const handle = await suite.start(stubs, consultationWorkflow, { workflowId: consultationWorkflowId(residentId), args: [{ residentId, historyLimit: 1 }] });
    await handle.signal(residentEventSignal, event(askedAt, { kind: 'postback', data: 'menu=staff' }));
    await eventually(async () => expect((await suite.env.client.workflow.getHandle(handle.workflowId).describe()).runId).not.toBe(handle.firstExecutionRunId));
    expect((await suite.env.client.workflow.getHandle(handle.workflowId).query(consultationViewQuery)).reservedFor).toBe(opening);
    expect(stubs.callsOf('enterQueue')).toEqual([]);

    await skipTo(suite.env, opening + MINUTE);
    await eventually(async () => expect(stubs.callsOf('enterQueue')).toHaveLength(1));
    const [queued] = stubs.callsOf('enterQueue');
    expect(queued.at).toBeGreaterThanOrEqual(opening);
    // The wait still counts from Friday's request, made in the run before.
    expect(queued.input.waitingSince).toBeGreaterThanOrEqual(askedAt);
    expect(queued.input.waitingSince).toBeLessThan(askedAt + MINUTE);
    await eventually(async () => expect(stubs.sentTexts().filter((t) => t.includes('スタッフの受付が始まりました'))).toHaveLength(1));
  });

  it('closes after the profile’s hours of silence, and not an hour earlier', async () => {
    const stubs = stubActivities();
    const silenceMs = stubs.profile.consultation.closeAfterSilenceHours * 3600_000;
    const handle = await start(stubs);
    // Silence is counted from the resident's last message.
    const wroteAt = await suite.env.currentTimeMs();
    await handle.signal(residentEventSignal, event(wroteAt, { kind: 'text', text: '最近、誰とも話していなくて' }));
    await eventually(async () => expect(stubs.callsOf('sendToResident')).toHaveLength(1));

    await skipTo(suite.env, wroteAt + silenceMs - 60 * MINUTE);
    expect(stubs.callsOf('closeConsultation')).toEqual([]);
    expect(await handle.result()).toEqual({ closed: 'silence' });
    const [closed] = stubs.callsOf('closeConsultation');
    expect(closed.input.reason).toBe('silence');
    expect(closed.at - wroteAt).toBeGreaterThanOrEqual(silenceMs);
    expect(closed.at - wroteAt).toBeLessThan(silenceMs + MINUTE);
  });

  it('escalates an imminent-risk alert to a supervisor after crisisAckMinutes when nobody acknowledges it', async () => {
    // The offline rules decide the risk, as they do when no model is configured.
    const stubs = stubActivities({
      overrides: {
        assessRisk: async ({ texts }) => {
          const risk = assessRiskByRules(texts.join('\n'));
          return { level: risk.level, categories: risk.categories, decidedBy: 'rules' };
        },
      },
    });
    const ackMs = stubs.profile.escalation.crisisAckMinutes * MINUTE;
    const handle = await start(stubs);
    await handle.signal(residentEventSignal, event(await suite.env.currentTimeMs(), { kind: 'text', text: '今から飛び降りて死にます' }));
    await eventually(async () => expect(stubs.callsOf('raiseAlert').filter((c) => c.input.kind === 'crisis')).toHaveLength(1));
    const [alert] = stubs.callsOf('raiseAlert').filter((c) => c.input.kind === 'crisis');
    expect(alert.input.level).toBe('imminent');

    await skipTo(suite.env, alert.at + ackMs - MINUTE);
    expect(stubs.callsOf('escalateAlert')).toEqual([]);
    await skipTo(suite.env, alert.at + ackMs + MINUTE);
    await eventually(async () => expect(stubs.callsOf('escalateAlert')).toHaveLength(1));
    const [escalation] = stubs.callsOf('escalateAlert');
    expect(escalation.input.alertId).toBe(alert.input.alertId);
    expect(escalation.at - alert.at).toBeGreaterThanOrEqual(ackMs);
    expect(escalation.at - alert.at).toBeLessThan(ackMs + MINUTE);
  });
});

import { consultationWorkflow } from '../../../workflows';
import { POSTBACK } from '../../../workflows/consultation/line-messages';
import { consultationViewQuery, consultationWorkflowId, residentEventSignal } from '../../../workflows/consultation/messages';
import { eventually } from '../../helpers/eventually';
import { PretendResident } from '../../helpers/pretend-resident';
import { startTestStack, TestStack } from '../../helpers/test-stack';

describe('consultation workflow lifetime', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      worker: true,
      llm: false,
      profile: (p) => {
        p.ai.debounceSeconds = 0;
        p.consultation.closeAfterSilenceHours = 4 / 3600; // four seconds of silence
        // The check-in question after a close goes out at once by day (and waits out the quiet hours), so it
        // would be the answer these tests read depending on the hour; test/integration/check-ins.test.ts covers it.
        p.checkIns.enabled = false;
      },
    });
  });
  afterAll(() => stack.stop());

  it('closes the consultation after the profile’s silence and opens a new one on the next message', async () => {
    const resident = new PretendResident(stack);
    await resident.follow();
    await resident.nextAnswer();
    const row = await stack.db('residents').where({ line_user_id: resident.userId }).first();
    const handle = stack.temporal.workflow.getHandle(consultationWorkflowId(row.id));
    expect(await handle.result()).toEqual({ closed: 'silence' });
    const [closed] = await stack.db('consultations').where({ resident_id: row.id });
    expect(closed).toMatchObject({ status: 'closed', close_reason: 'silence' });

    // The resident comes back: signalWithStart opens a fresh consultation where they left off.
    await resident.tap(POSTBACK.termsAgree);
    expect((await resident.nextAnswer()).texts[0]).toBe(stack.profile.texts.intakeIntro.trim());
    const consultations = await stack.db('consultations').where({ resident_id: row.id }).orderBy('opened_at');
    expect(consultations.map((c) => c.status)).toEqual(['closed', 'onboarding']);
  });

  it('continues as new before history grows large, keeping its place and its turns', async () => {
    const [resident] = await stack.db('residents').insert({ code: 'R-CAN001', line_user_id: 'U' + 'c'.repeat(32), terms_version: stack.profile.terms.version, intake: { eligibility: 'lives', 'age-band': '30s', topic: 'other' } }).returning('id');
    const workflowId = consultationWorkflowId(resident.id);
    const handle = await stack.temporal.workflow.start(consultationWorkflow, {
      workflowId,
      taskQueue: stack.taskQueue,
      args: [{ residentId: resident.id, historyLimit: 40 }],
    });
    for (let i = 0; i < 6; i += 1) {
      await handle.signal(residentEventSignal, { kind: 'text', eventId: `can-${i}`, timestamp: Date.now(), text: `話 ${i}` });
    }
    const view = await eventually(async () => {
      const v = await stack.temporal.workflow.getHandle(workflowId).query(consultationViewQuery);
      expect(v).toMatchObject({ turns: 6, pendingEvents: 0 });
      return v;
    });
    expect(view.phase).toBe('listening');
    // The last turn's send finishes before the run hands over to its successor.
    await eventually(async () => expect((await stack.temporal.workflow.getHandle(workflowId).describe()).runId).not.toBe(handle.firstExecutionRunId));
    const first = await stack.temporal.workflow.getHandle(workflowId, handle.firstExecutionRunId).describe();
    expect(first.status.name).toBe('CONTINUED_AS_NEW');
    expect(await stack.temporal.workflow.getHandle(workflowId).query(consultationViewQuery)).toMatchObject({ phase: 'listening', turns: 6 });
    // One consultation row across runs, and every message answered once.
    expect(await stack.db('consultations').where({ resident_id: resident.id }).count('* as n')).toEqual([{ n: '1' }]);
    expect(await stack.db('messages').where({ resident_id: resident.id, sender: 'ai' }).count('* as n')).toEqual([{ n: '6' }]);
  });
});

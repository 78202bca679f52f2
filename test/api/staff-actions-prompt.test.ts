import crypto from 'node:crypto';
import { eventually } from '../helpers/eventually';
import { HttpClient } from '../helpers/http-client';
import { PretendResident } from '../helpers/pretend-resident';
import { startTestStack, TestStack, TEST_PASSWORD, staffedAroundTheClock } from '../helpers/test-stack';

const SENDS = /^\/v2\/bot\/message\/(reply|push)$/;

/**
 * Staff actions acknowledge the state change and return; what they say to the resident is sent
 * afterwards, and its delivery status (送信中 → sent / failed) reaches the dashboard's event stream.
 * LINE answering 503 to every send stands in for a slow LINE: before this, the staff member's request
 * waited on LINE's retries for up to the profile's undelivered minutes.
 */
describe('staff actions while LINE is failing', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(staffedAroundTheClock({ llm: false }));
  }, 120_000);
  afterAll(() => stack.stop());

  const timeline = async (staff: HttpClient, id: string) => (await staff.get(`/api/consultations/${id}/messages`)).body.data as { sender: string; text: string; deliveryStatus: string }[];

  it('claim and reply return before LINE takes the messages; the timeline shows them sending, then sent, live and in order', async () => {
    const user = await stack.createUser('staff');
    const staff = await new HttpClient(stack.baseUrl).login(user.email, TEST_PASSWORD);
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    await resident.tap('menu=staff');
    await resident.nextAnswer();
    const item = await eventually(async () => {
      const found = ((await staff.get('/api/queue')).body.data as { id: string; status: string }[]).find((q) => q.status === 'waiting_for_staff');
      expect(found).toBeDefined();
      return found!;
    });
    const stream = await staff.openEventStream('/api/events');
    try {
      const lineBefore = stack.line.requests.length;
      stack.line.failRandomly(SENDS, 1, [503]);
      // Both requests come back although LINE has taken nothing (old code: they waited on LINE's retries).
      const claimed = await staff.post(`/api/consultations/${item.id}/claim`);
      expect(claimed.status).toBe(200);
      expect(claimed.body.data.status).toBe('with_staff');
      const sent = await staff.post(`/api/consultations/${item.id}/messages`, { text: 'はじめまして。お話を聞かせてください。', clientMessageId: crypto.randomUUID() });
      expect(sent.status).toBe(201);
      expect(sent.body.data).toMatchObject({ sender: 'staff', text: 'はじめまして。お話を聞かせてください。', deliveryStatus: 'pending' });
      expect(stack.line.requests.slice(lineBefore).filter((r) => SENDS.test(r.path) && r.ok)).toHaveLength(0);
      const pending = (await timeline(staff, item.id)).slice(-2);
      expect(pending.map((m) => [m.sender, m.deliveryStatus])).toEqual([
        ['system', 'pending'],
        ['staff', 'pending'],
      ]);
      expect(pending[0].text).toContain('よりそいスタッフの');

      // LINE recovers: the resident gets the greeting, then the reply, and the dashboard hears of it.
      const heardBefore = stream.events.length;
      stack.line.failRandomly(SENDS, 0);
      expect((await resident.nextAnswer(60_000)).texts[0]).toContain('よりそいスタッフの');
      expect((await resident.nextAnswer(30_000)).texts).toEqual(['はじめまして。お話を聞かせてください。']);
      await eventually(async () => expect((await timeline(staff, item.id)).slice(-2).map((m) => m.deliveryStatus)).toEqual(['sent', 'sent']));
      expect(stream.events.slice(heardBefore)).toContainEqual({ type: 'message', data: { type: 'message', consultationId: item.id } });

      // A message LINE refuses outright is shown failed, live, and the request still returned at once.
      stack.line.failRandomly(SENDS, 1, [400]);
      const heardBeforeRefusal = stream.events.length;
      const refused = await staff.post(`/api/consultations/${item.id}/messages`, { text: '届かないメッセージ', clientMessageId: crypto.randomUUID() });
      expect(refused.status).toBe(201);
      await eventually(async () => expect((await timeline(staff, item.id)).at(-1)).toMatchObject({ text: '届かないメッセージ', deliveryStatus: 'failed' }), 30_000, 200);
      await eventually(async () => expect(stream.events.slice(heardBeforeRefusal).filter((e) => e.type === 'message').length).toBeGreaterThanOrEqual(2));
    } finally {
      stack.line.failRandomly(SENDS, 0);
      stream.close();
    }
  }, 180_000);
});

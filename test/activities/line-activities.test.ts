import { PretendResident } from '../helpers/pretend-resident';
import { eventually } from '../helpers/eventually';
import { startTestStack, TestStack } from '../helpers/test-stack';

/** Sends through the real worker and the LINE stand-in when LINE's answer never comes back. */
describe('a send whose answer from LINE is lost', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({ worker: true, profile: (p) => void (p.ai.debounceSeconds = 0) });
  });
  afterAll(() => stack.stop());

  const aiMessage = async (resident: PretendResident) => {
    const residentId = (await stack.db('residents').where({ line_user_id: resident.userId }).first()).id;
    return eventually(async () => {
      const rows = await stack.db('messages').where({ resident_id: residentId, sender: 'ai' });
      expect(rows).toEqual([expect.objectContaining({ delivery_status: 'sent' })]);
      return rows[0];
    }, 30_000);
  };

  // The worker that called LINE died before recording the answer: LINE delivered, the record says nothing.
  it('reaches the resident once when a reply was accepted but its answer was lost', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    const before = resident.answers().length;
    stack.line.loseAnswerNext('/v2/bot/message/reply');
    const said = await resident.say('誰かに聞いてほしくて');
    const answer = await resident.nextAnswer(30_000);
    expect(answer.via).toBe('reply');
    expect(await aiMessage(resident)).toMatchObject({ delivery: 'reply', reply_state: null });
    // The retry asked LINE again with the same token and was told it is spent: no push followed.
    await stack.line.waitFor((r) => r.endpoint === 'reply' && r.status === 400 && (r.body as { replyToken?: string }).replyToken === said.replyToken, 30_000);
    expect(resident.answers().slice(before)).toHaveLength(1);
    expect(stack.line.pushes().filter((p) => p.to === resident.userId)).toHaveLength(0);
  });

  it('pushes once when a push was accepted but its answer was lost', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    const before = resident.answers().length;
    stack.line.loseAnswerNext('/v2/bot/message/push');
    await resident.say('返事はあとでいいです', { timestamp: Date.now() - 120_000 });
    const answer = await resident.nextAnswer(30_000);
    expect(answer.via).toBe('push');
    const row = await aiMessage(resident);
    expect(row).toMatchObject({ delivery: 'push' });
    // The retry carried the same retry key and LINE answered 409: accepted before, not sent again.
    const key = answer.request.headers['x-line-retry-key'];
    await stack.line.waitFor((r) => r.endpoint === 'push' && r.status === 409 && r.headers['x-line-retry-key'] === key, 30_000);
    expect(row.retry_key).toBe(key);
    expect(resident.answers().slice(before)).toHaveLength(1);
  });

  it('pushes instead of marking sent when LINE refused the reply and the token then ran out', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions);
    const before = resident.answers().length;
    stack.line.failNext('/v2/bot/message/reply', 500);
    const said = await resident.say('きこえますか');
    await stack.line.waitFor((r) => r.endpoint === 'reply' && r.injectedFailure && (r.body as { replyToken?: string }).replyToken === said.replyToken, 30_000);
    // The token expires before the retry comes.
    stack.line.expireReplyToken(said.replyToken!);
    const answer = await resident.nextAnswer(30_000);
    expect(answer.via).toBe('push');
    expect(await aiMessage(resident)).toMatchObject({ delivery: 'push' });
    expect(resident.answers().slice(before)).toHaveLength(1);
  });
});

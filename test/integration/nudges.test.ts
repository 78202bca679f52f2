import { tokyoDate } from '../../workflows/calendar/business-calendar';
import { NUDGE_LABELS, NUDGE_POSTBACK } from '../../workflows/nudges/nudge-policy';
import { eventually } from '../helpers/eventually';
import { PretendResident } from '../helpers/pretend-resident';
import { startTestStack, TestStack, staffedAroundTheClock } from '../helpers/test-stack';

/**
 * Nudges end to end, through the webhook: the offer of a person after the profile's number of turns,
 * its acceptance, a refusal and its cooldown, and the caps across two consultations of one resident.
 */

const OFFER = 'よりそいスタッフ（専門の相談員）とお話ししてみませんか？';
const AFTER_TURNS = 2;

const residentRow = (stack: TestStack, r: PretendResident) => stack.db('residents').where({ line_user_id: r.userId }).first();
const consultationsOf = async (stack: TestStack, r: PretendResident) =>
  stack.db('consultations').where({ resident_id: (await residentRow(stack, r)).id }).orderBy('opened_at');

/** Says `n` things and returns the texts of the n answers. */
async function talk(resident: PretendResident, n: number): Promise<string[][]> {
  const answers: string[][] = [];
  for (let i = 0; i < n; i += 1) {
    await resident.say(`最近、ひとりで過ごす時間が長くて。${i + 1}`);
    answers.push((await resident.nextAnswer()).texts);
  }
  return answers;
}

const offered = (texts: string[]) => texts.some((t) => t.includes(OFFER));
const quickReplyData = (request: { body: unknown }) =>
  ((request.body as { messages: { quickReply?: { items: { action: { data?: string; label: string } }[] } }[] }).messages.at(-1)?.quickReply?.items ?? []).map((i) => i.action);

/** Ends the consultation as LINE does when the resident blocks the account, then befriends it again: a new consultation. */
async function startAnotherConsultation(stack: TestStack, resident: PretendResident) {
  await resident.unfollow();
  await eventually(async () => expect((await consultationsOf(stack, resident)).every((c) => c.status === 'closed')).toBe(true));
  await resident.follow();
  await resident.nextAnswer();
  await eventually(async () => expect(await consultationsOf(stack, resident)).toHaveLength(2));
}

describe('nudges toward a person, during staff hours', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(
      staffedAroundTheClock({
        profile: (p) => {
          p.nudges.afterTurns = AFTER_TURNS;
          p.nudges.maxPerDay = 2;
          p.nudges.refusalCooldownHours = 24;
        },
      }),
    );
  });
  afterAll(() => stack.stop());

  it('offers a person after the profile’s turns, and an acceptance puts the resident in the staff queue', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions, 1);
    const answers = await talk(resident, AFTER_TURNS);
    expect(answers.slice(0, -1).some(offered)).toBe(false);
    expect(offered(answers.at(-1)!)).toBe(true);
    const offer = resident.answers().at(-1)!;
    expect(quickReplyData(offer)).toEqual([
      expect.objectContaining({ label: NUDGE_LABELS.accept, data: NUDGE_POSTBACK.accept }),
      expect.objectContaining({ label: NUDGE_LABELS.decline, data: NUDGE_POSTBACK.decline }),
    ]);

    await resident.tap(NUDGE_POSTBACK.accept);
    expect((await resident.nextAnswer()).texts[0]).toContain('よりそいスタッフにおつなぎします');
    const [consultation] = await consultationsOf(stack, resident);
    expect(consultation).toMatchObject({ status: 'waiting_for_staff', request_reason: 'nudge' });
    const events = await stack.db('nudge_events').where({ consultation_id: consultation.id }).orderBy('created_at').select('event', 'trigger');
    expect(events).toEqual([
      { event: 'offered', trigger: 'turn' },
      { event: 'accepted', trigger: null },
    ]);
  });

  it('after 「AIと話を続ける」 offers nothing within the cooldown, in this consultation or the next', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions, 1);
    expect(offered((await talk(resident, AFTER_TURNS)).at(-1)!)).toBe(true);
    await resident.tap(NUDGE_POSTBACK.decline);
    expect((await resident.nextAnswer()).texts[0]).toContain('わかりました。このままお話を聴かせてください。');

    // Twice the turns that would offer again: the AI listens, and no offer comes.
    expect((await talk(resident, AFTER_TURNS * 2)).some(offered)).toBe(false);
    await startAnotherConsultation(stack, resident);
    expect((await talk(resident, AFTER_TURNS * 2)).some(offered)).toBe(false);
    const [, second] = await consultationsOf(stack, resident);
    expect(await stack.db('nudge_events').where({ consultation_id: second.id })).toEqual([]);
  });

  it('holds the daily cap across two consultations of one resident', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions, 1);
    // Two offers (the daily cap) in the first consultation, neither answered.
    const first = await talk(resident, AFTER_TURNS * 2);
    expect(first.filter(offered)).toHaveLength(2);
    await startAnotherConsultation(stack, resident);
    // A new consultation the same day: the turns pass, no third offer.
    expect((await talk(resident, AFTER_TURNS * 2)).some(offered)).toBe(false);
    const rows = await stack.db('nudge_events as n').join('consultations as c', 'c.id', 'n.consultation_id').where('c.resident_id', (await residentRow(stack, resident)).id).select('n.event');
    expect(rows).toEqual([{ event: 'offered' }, { event: 'offered' }]);
  });
});

describe('nudges toward a person, outside staff hours', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack({
      worker: true,
      profile: (p) => {
        p.ai.debounceSeconds = 0;
        p.businessHours.extraClosures = [tokyoDate(Date.now()), tokyoDate(Date.now() + 86_400_000)];
        p.nudges.afterTurns = AFTER_TURNS;
      },
    });
  });
  afterAll(() => stack.stop());

  it('offers to reserve the next opening, and the reservation is recorded', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions, 1);
    const answers = await talk(resident, AFTER_TURNS);
    expect(offered(answers.at(-1)!)).toBe(true);
    expect(answers.at(-1)!.join('\n')).toMatch(/スタッフの対応時間外のため、スタッフがお返事できるのは\d+月\d+日（.）9時からです/);
    const [reserve] = quickReplyData(resident.answers().at(-1)!);
    expect(reserve.label).toMatch(/に予約する$/);

    await resident.tap(reserve.data!);
    expect((await resident.nextAnswer()).texts[0]).toMatch(/にスタッフからお返事できるよう、予約しました/);
    const [consultation] = await consultationsOf(stack, resident);
    expect(consultation.status).toBe('listening');
    expect(new Date(consultation.reserved_for).getTime()).toBe(Number(/at=(\d+)/.exec(reserve.data!)![1]));
  });
});

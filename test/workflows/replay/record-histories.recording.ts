import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { CONSENT_POSTBACK } from '../../../workflows/consent/consent-flow';
import { consultationWorkflowId } from '../../../workflows/consultation/messages';
import { referralWorkflowId } from '../../../workflows/referral/messages';
import { eventually } from '../../helpers/eventually';
import { HttpClient } from '../../helpers/http-client';
import { PretendResident } from '../../helpers/pretend-resident';
import { openAroundTheClock, startTestStack, TestStack, TEST_PASSWORD } from '../../helpers/test-stack';

/**
 * Records the histories replayed by replay-histories.test.ts: real consultations through the whole
 * stack (webhook, worker, dev server), one file per workflow under histories/. Run at each release
 * with `npm run record:histories` (jest.record.config.js), then commit the files.
 */
const HISTORIES = path.join(__dirname, 'histories');

describe('recording consultation histories', () => {
  let stack: TestStack;
  let staff: HttpClient;
  // Open every hour while recording, except for the reservation scenario which closes the day.
  let alwaysOpen = true;
  beforeAll(async () => {
    fs.mkdirSync(HISTORIES, { recursive: true });
    stack = await startTestStack({
      worker: true,
      profile: (p) => {
        p.ai.debounceSeconds = 0;
        openAroundTheClock(p);
      },
      activityOverrides: {
        listJapaneseHolidays: async () => (alwaysOpen ? [] : allDatesAround()),
      },
    });
    staff = await new HttpClient(stack.baseUrl).login((await stack.createUser('staff')).email, TEST_PASSWORD);
  });
  afterAll(() => stack?.stop());

  const save = async (name: string, workflowId: string) => {
    const history = await stack.temporal.workflow.getHandle(workflowId).fetchHistory();
    // historyToJSON, not JSON.stringify: the proto's enums and longs must read back as the SDK wrote them.
    fs.writeFileSync(path.join(HISTORIES, `${name}.json`), historyToJSON(history) + '\n');
  };

  const caseOf = async (r: PretendResident) => {
    const resident = await stack.db('residents').where({ line_user_id: r.userId }).first();
    const consultation = await stack.db('consultations').where({ resident_id: resident.id }).orderBy('opened_at', 'desc').first();
    return { residentId: resident.id as string, consultationId: consultation.id as string };
  };

  it('onboarding, AI turns, hand-over to staff and back, consent with details, a referral, a staff close', async () => {
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions, 1);
    const ids = await caseOf(resident);
    await resident.say('最近、誰とも話していなくて');
    await resident.nextAnswer();
    await resident.say('仕事が終わると部屋でひとりです');
    await resident.nextAnswer();

    await resident.tap('menu=staff');
    await resident.nextAnswer();
    expect((await staff.post(`/api/consultations/${ids.consultationId}/claim`)).status).toBe(200);
    await resident.nextAnswer();
    expect((await staff.post(`/api/consultations/${ids.consultationId}/messages`, { text: 'はじめまして。お話を聞かせてください。', clientMessageId: crypto.randomUUID() })).status).toBe(201);
    await resident.nextAnswer();
    await resident.say('ありがとうございます');

    const drafted = await staff.post(`/api/consultations/${ids.consultationId}/referrals`, { partnerId: 'npo-ibasho', reason: '居場所につなぎたい', share: ['name'] });
    expect(drafted.status).toBe(201);
    const referralId = drafted.body.data.id as string;
    expect((await resident.nextAnswer()).texts.join('\n')).toContain('同意のお願い');
    await resident.tap(CONSENT_POSTBACK.agree(referralId));
    await resident.nextAnswer();
    await resident.say('記録用 太郎');
    await resident.nextAnswer();
    await eventually(async () => expect((await stack.db('referrals').where({ id: referralId }).first()).status).toBe('sent'));
    const partner = await new HttpClient(stack.baseUrl).login((await stack.createUser('partner', { partnerId: 'npo-ibasho' })).email, TEST_PASSWORD);
    expect((await partner.post(`/api/partner/referrals/${referralId}/accept`)).status).toBe(200);
    await resident.nextAnswer();
    expect((await partner.post(`/api/partner/referrals/${referralId}/contact`)).status).toBe(200);
    expect((await partner.post(`/api/partner/referrals/${referralId}/close`, { outcome: '居場所の利用につながった' })).status).toBe(200);
    await stack.temporal.workflow.getHandle(referralWorkflowId(referralId)).result();

    expect((await staff.post(`/api/consultations/${ids.consultationId}/release`)).status).toBe(200);
    await resident.nextAnswer();
    await resident.say('また話を聞いてほしいです');
    await resident.nextAnswer();
    expect((await staff.post(`/api/consultations/${ids.consultationId}/claim`)).status).toBe(200);
    await resident.nextAnswer();
    expect((await staff.post(`/api/consultations/${ids.consultationId}/close`)).status).toBe(200);
    await stack.temporal.workflow.getHandle(consultationWorkflowId(ids.residentId)).result();

    await save('consultation-full-journey', consultationWorkflowId(ids.residentId));
    await save('referral-accepted-contacted-closed', referralWorkflowId(referralId));
  });

  it('a person asked for while nobody can answer: a reservation for the next opening (still open)', async () => {
    alwaysOpen = false;
    const resident = await new PretendResident(stack).onboard(stack.profile.intake.questions, 0);
    const ids = await caseOf(resident);
    await resident.say('誰かと話したい');
    await resident.nextAnswer();
    await resident.tap('menu=staff');
    expect((await resident.nextAnswer()).texts.join('\n')).toContain('時');
    await save('consultation-reservation-open', consultationWorkflowId(ids.residentId));
    await stack.temporal.workflow.getHandle(consultationWorkflowId(ids.residentId)).terminate('recorded');
  });
});

/** Every date of this year and the next as a holiday: nobody answers until the calendar runs out. */
function allDatesAround(): string[] {
  const dates: string[] = [];
  const year = new Date().getUTCFullYear();
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 2, 1); t += 86_400_000) dates.push(new Date(t).toISOString().slice(0, 10));
  return dates;
}

import { CHECK_IN_POSTBACK } from '../../workflows/check-ins/check-in-policy';
import { CONSENT_POSTBACK } from '../../workflows/consent/consent-flow';
import { eventually } from '../helpers/eventually';
import { HttpClient } from '../helpers/http-client';
import { PretendResident } from '../helpers/pretend-resident';
import { staffedAroundTheClock, startTestStack, TestStack, TEST_PASSWORD } from '../helpers/test-stack';

const PARTNER = 'npo-ibasho';

const labelsOf = (request: { body: unknown }) =>
  ((request.body as { messages: { quickReply?: { items: { action: { label: string } }[] } }[] }).messages.at(-1)?.quickReply?.items ?? []).map((i) => i.action.label);

/**
 * The consent to share personal details, the details themselves, a validation message and the
 * withdrawal reach an English-speaking resident in English, and the words they type in English
 * (「withdraw my consent」, 「Stop」) are understood like the Japanese ones.
 */
describe('consent and personal details in the resident’s language', () => {
  let stack: TestStack;
  let staff: HttpClient;
  beforeAll(async () => {
    stack = await startTestStack(staffedAroundTheClock({ llm: false, profile: (p) => void (p.outcomes.satisfactionQuestion = false) }));
    // A case in the AI's hands is nobody's: need-to-know leaves referring it to a supervisor.
    staff = await new HttpClient(stack.baseUrl).login((await stack.createUser('supervisor')).email, TEST_PASSWORD);
  });
  afterAll(() => stack.stop());

  it('asks for consent, takes the details with a validation message, and withdraws them, all in English', async () => {
    const en = stack.profile.languages.en;
    const t = en.texts;
    const partnerName = stack.profile.partners.find((p) => p.id === PARTNER)!.name;
    const resident = new PretendResident(stack);
    stack.line.setProfile(resident.userId, { language: 'en' });
    await resident.onboard(stack.profile.intake.questions, 1);
    const { id: residentId } = await stack.db('residents').where({ line_user_id: resident.userId }).first('id');
    const consultation = await stack.db('consultations').where({ resident_id: residentId }).first('id');
    await eventually(async () => expect((await stack.db('consultations').where({ id: consultation.id }).first()).status).toBe('listening'));

    // Staff draft a referral: the resident is asked in English, the partner under its own name.
    const drafted = await staff.post(`/api/consultations/${consultation.id}/referrals`, { partnerId: PARTNER, reason: '居場所につなぎたい', share: ['name', 'phone'] });
    expect([drafted.status, drafted.body.error?.details]).toEqual([201, undefined]);
    const referralId = drafted.body.data.id as string;
    const question = await resident.nextAnswer();
    const purpose = en.consent!.referralPurpose.replaceAll('{recipient}', partnerName);
    expect(question.texts).toEqual([
      `[Request for your consent to share information]\nShared with: ${partnerName}\nInformation: Full name, Phone number\nPurpose: ${purpose}\n\nIf you do not agree, you can keep talking with us as before. You can withdraw your consent later by sending “withdraw consent”.`,
      'Do you agree to this?',
    ]);
    expect(labelsOf(question.request)).toEqual(['I agree', 'I do not agree']);
    // What was recorded as shown is the city's Japanese wording and version (the admin app shows it).
    expect(await stack.db('consents').where({ referral_id: referralId }).first('purpose')).toEqual({ purpose: stack.profile.consent.referralPurpose.replaceAll('{recipient}', partnerName) });

    await resident.tap(CONSENT_POSTBACK.agree(referralId));
    const first = await resident.nextAnswer();
    expect(first.texts).toEqual([`${t.consentAgreed}\n(1/2) ${t.consentPromptName}`]);
    expect(labelsOf(first.request)).toEqual(['Skip', 'Stop']);

    await resident.say('Maria Santos');
    const phone = await resident.nextAnswer();
    expect(phone.texts).toEqual([`(2/2) ${t.consentPromptPhone}`]);
    expect(labelsOf(phone.request)).toEqual(['Skip', 'Go back', 'Stop']);

    await resident.say('my number is 5555');
    expect((await resident.nextAnswer()).texts).toEqual([`Please enter a Japanese phone number: 10 or 11 digits starting with 0.\n(2/2) ${t.consentPromptPhone}`]);
    await resident.say('090-5555-0123');
    expect((await resident.nextAnswer()).texts).toEqual([`Thank you. We will pass this on to ${partnerName}. Please wait in this chat until they contact you.`]);
    await eventually(async () => expect((await stack.db('referrals').where({ id: referralId }).first()).status).toBe('sent'));
    expect((await stack.db('personal_details').where({ resident_id: residentId })).map((d) => d.field).sort()).toEqual(['name', 'phone']);

    // Withdrawn by a sentence in English: the referral stops and the details are deleted.
    await resident.say('I would like to withdraw my consent, please.');
    expect((await resident.nextAnswer()).texts).toEqual([t.consentWithdrawn]);
    await eventually(async () => expect((await stack.db('referrals').where({ id: referralId }).first()).status).toBe('withdrawn'));
    expect(await stack.db('personal_details').where({ resident_id: residentId })).toEqual([]);
    await resident.say('withdraw consent');
    expect((await resident.nextAnswer()).texts).toEqual([t.consentNothingToWithdraw]);

    // Nothing of the flow reached them in Japanese (the partner keeps its own name).
    const said = resident.answers().slice(-8).flatMap((r) => (r.body as { messages: { text: string }[] }).messages.map((m) => m.text));
    expect(said.join('\n').replaceAll(partnerName, '')).not.toMatch(/[ぁ-んァ-ン]/);
  });

  it('stops caring check-ins when an English-speaking resident types “Stop”', async () => {
    const t = stack.profile.languages.en.texts;
    const resident = new PretendResident(stack);
    stack.line.setProfile(resident.userId, { language: 'en' });
    await resident.onboard(stack.profile.intake.questions, 1);
    await resident.tap(CHECK_IN_POSTBACK.agree);
    expect((await resident.nextAnswer()).texts).toEqual([t.checkInConsentGiven]);
    const { id } = await stack.db('residents').where({ line_user_id: resident.userId }).first('id');
    await eventually(async () => expect(await stack.db('check_in_consents').where({ resident_id: id }).first('status')).toEqual({ status: 'given' }));

    await resident.say('Stop!');
    expect((await resident.nextAnswer()).texts).toEqual([t.checkInWithdrawn]);
    await eventually(async () => expect(await stack.db('check_in_consents').where({ resident_id: id }).first('status')).toEqual({ status: 'withdrawn' }));
  });
});

import crypto from 'node:crypto';
import { createRetentionActivities } from '../../activities/retention-activities';
import { MAX_MEDIA_BYTES } from '../../activities/media/media-content';
import { samplePng } from '../../api/simulator/sample-image';
import { eventually } from '../helpers/eventually';
import { HttpClient } from '../helpers/http-client';
import { PretendResident } from '../helpers/pretend-resident';
import { staffedAroundTheClock, startTestStack, TestStack, TEST_PASSWORD } from '../helpers/test-stack';

/**
 * What residents send besides words: images and files fetched from LINE's content API by the worker,
 * kept sealed, shown to the staff who may see the case (audited), gone with retention and erase;
 * stickers read as their keywords. Through the real webhook, workflow, stand-in and API.
 */
describe('images, files and stickers residents send', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack(staffedAroundTheClock());
  });
  afterAll(() => stack.stop());

  const onboarded = () => new PretendResident(stack).onboard(stack.profile.intake.questions);
  const sendContent = (resident: PretendResident, id: string, type = 'image') =>
    resident.send(resident.event('message', { message: { type, id, quoteToken: 'q', contentProvider: { type: 'line' }, ...(type === 'file' ? { fileName: 'a.pdf', fileSize: 10 } : {}) } }));
  const caseOf = async (resident: PretendResident) =>
    (await stack.db('consultations as c').join('residents as r', 'r.id', 'c.resident_id').where('r.line_user_id', resident.userId).first('c.id', 'c.resident_id')) as { id: string; resident_id: string };
  const mediaOf = (consultationId: string) => eventually(async () => {
    const rows = await stack.db('message_media').where({ consultation_id: consultationId }).orderBy('created_at');
    if (rows.length === 0) throw new Error('not fetched yet');
    return rows;
  });

  it('fetches an image through the webhook, keeps it sealed and shows it only to staff who may see the case, audited', async () => {
    const resident = await onboarded();
    const png = samplePng();
    const id = stack.line.putContent(png, 'image/png');
    await sendContent(resident, id);
    // The resident still gets the kind answer.
    expect((await resident.nextAnswer()).texts).toEqual([stack.profile.texts.nonTextReply.trim()]);
    const c = await caseOf(resident);
    const [media] = await mediaOf(c.id);
    expect(media).toMatchObject({ status: 'stored', content_type: 'image/png', byte_size: png.length, content_key_id: stack.keyring.current.id });
    // Sealed at rest: the stored bytes are not the picture, and opened they are.
    expect(Buffer.from(media.content).includes(png.subarray(0, 16))).toBe(false);
    expect(stack.sealer.openBytes('message_media', 'content', media.id, media.content_key_id, media.content).equals(png)).toBe(true);
    const fetches = stack.line.requests.filter((r) => r.endpoint === 'messageContent');
    expect(fetches.map((r) => [r.path, r.status, r.headers.authorization])).toEqual([[`/v2/bot/message/${id}/content`, 200, 'Bearer test-line-token']]);

    const assigned = await stack.createUser('staff');
    const other = await stack.createUser('staff');
    await stack.db('consultations').where({ id: c.id }).update({ assigned_staff_id: assigned.id });
    const a = await new HttpClient(stack.baseUrl).login(assigned.email, TEST_PASSWORD);
    const b = await new HttpClient(stack.baseUrl).login(other.email, TEST_PASSWORD);

    const timeline = (await a.get(`/api/consultations/${c.id}/messages`)).body.data as { kind: string; media: unknown }[];
    expect(timeline.filter((m) => m.kind === 'image')).toEqual([expect.objectContaining({ media: { id: media.id, status: 'stored', contentType: 'image/png', bytes: png.length } })]);
    const shown = await a.bytes(`/api/consultations/${c.id}/media/${media.id}`);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toBe('image/png');
    expect(shown.headers.get('cache-control')).toBe('private, no-store');
    expect(shown.bytes.equals(png)).toBe(true);
    expect(await stack.db('audit_log').where({ actor_id: assigned.id, action: 'consultation.read-media', target_id: c.id }).select('details')).toEqual([{ details: { mediaId: media.id } }]);

    // A colleague without the case: 403, and nothing audited as read; an unknown id: 404.
    expect((await b.bytes(`/api/consultations/${c.id}/media/${media.id}`)).status).toBe(403);
    expect(await stack.db('audit_log').where({ actor_id: other.id, action: 'consultation.read-media' })).toEqual([]);
    expect((await a.bytes(`/api/consultations/${c.id}/media/${crypto.randomUUID()}`)).status).toBe(404);
    expect((await a.bytes(`/api/consultations/${c.id}/media/not-an-id`)).status).toBe(404);

    // Erasure takes the picture; the row (a count) stays and the timeline says it is gone.
    const admin = await new HttpClient(stack.baseUrl).login((await stack.createUser('admin')).email, TEST_PASSWORD);
    expect((await admin.post(`/api/residents/${c.resident_id}/erase`)).status).toBe(200);
    expect(await stack.db('message_media').where({ id: media.id }).first('content', 'content_key_id', 'status')).toEqual({ content: null, content_key_id: null, status: 'stored' });
    expect((await a.bytes(`/api/consultations/${c.id}/media/${media.id}`)).status).toBe(404);
    const after = (await a.get(`/api/consultations/${c.id}/messages`)).body.data as { kind: string; media: { status: string } }[];
    expect(after.find((m) => m.kind === 'image')?.media.status).toBe('cleared');
  });

  it('keeps nothing too large, nothing whose bytes are not what they claim, and answers the resident whatever LINE does', async () => {
    const resident = await onboarded();
    const c = await caseOf(resident);
    const cases: [string, string][] = [
      [stack.line.putContent(Buffer.alloc(MAX_MEDIA_BYTES + 1, 1), 'image/jpeg'), 'too_large'],
      [stack.line.putContent(Buffer.from('<html><script>alert(1)</script></html>'), 'image/png'), 'unsupported'],
      [stack.line.putContent(Buffer.from('<html></html>'), 'text/html'), 'unsupported'],
      ['999999999999999999', 'failed'], // LINE no longer has it: 404
    ];
    for (const [id] of cases) {
      await sendContent(resident, id);
      expect((await resident.nextAnswer()).texts).toEqual([stack.profile.texts.nonTextReply.trim()]);
    }
    const rows = await eventually(async () => {
      const r = await stack.db('message_media').where({ consultation_id: c.id });
      if (r.length < cases.length) throw new Error('not all fetched');
      return r;
    });
    expect(rows.map((r) => r.status).sort()).toEqual(cases.map(([, s]) => s).sort());
    expect(rows.every((r) => r.content === null)).toBe(true);
    // LINE down for a moment: retried, then kept; and the consultation still talks.
    const pdf = Buffer.from('%PDF-1.4 test');
    const pdfId = stack.line.putContent(pdf, 'application/pdf');
    stack.line.failNext(`/v2/bot/message/${pdfId}/content`, 500);
    await sendContent(resident, pdfId, 'file');
    await resident.nextAnswer();
    const kept = await eventually(async () => {
      const row = await stack.db('message_media').where({ consultation_id: c.id, status: 'stored' }).first();
      if (!row) throw new Error('not yet');
      return row;
    });
    expect(kept.content_type).toBe('application/pdf');
    const supervisor = await new HttpClient(stack.baseUrl).login((await stack.createUser('supervisor')).email, TEST_PASSWORD);
    const file = await supervisor.bytes(`/api/consultations/${c.id}/media/${kept.id}`);
    // Anything but a checked image is a download, never rendered by the browser.
    expect([file.status, file.headers.get('content-type'), file.headers.get('content-disposition')?.startsWith('attachment')]).toEqual([200, 'application/octet-stream', true]);
    expect(file.bytes.equals(pdf)).toBe(true);
    await resident.say('ありがとう');
    expect((await resident.nextAnswer()).texts.length).toBeGreaterThan(0);
  });

  it('shows a sticker as its keywords', async () => {
    const resident = await onboarded();
    await resident.send(resident.event('message', { message: { type: 'sticker', id: '7', packageId: '446', stickerId: '1988', stickerResourceType: 'STATIC', keywords: ['嬉しい', 'ありがとう'] } }));
    await resident.nextAnswer();
    const c = await caseOf(resident);
    const supervisor = await new HttpClient(stack.baseUrl).login((await stack.createUser('supervisor')).email, TEST_PASSWORD);
    const timeline = (await supervisor.get(`/api/consultations/${c.id}/messages`)).body.data as { kind: string; text: string | null; media: unknown }[];
    expect(timeline.filter((m) => m.kind === 'sticker')).toEqual([expect.objectContaining({ text: '［スタンプ: 嬉しい、ありがとう］', media: null })]);
    // No content is fetched for a sticker.
    expect(await stack.db('message_media').where({ consultation_id: c.id })).toEqual([]);
  });

  it('lets retention remove pictures of consultations closed long enough ago', async () => {
    const resident = await onboarded();
    const id = stack.line.putContent(samplePng(), 'image/png');
    await sendContent(resident, id);
    await resident.nextAnswer();
    const c = await caseOf(resident);
    const [media] = await mediaOf(c.id);
    expect(media.content).not.toBeNull();
    await stack.db('consultations').where({ id: c.id }).update({ status: 'closed', closed_at: new Date(Date.now() - (stack.profile.retention.caseTextDaysAfterClose + 1) * 86_400_000) });
    const removed = await createRetentionActivities({ db: stack.db, profile: stack.profile }).enforceRetention();
    expect(removed.media).toBeGreaterThanOrEqual(1);
    expect(await stack.db('message_media').where({ id: media.id }).first('content', 'content_key_id')).toEqual({ content: null, content_key_id: null });
  });
});

import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { detailAad } from '../../activities/referral-activities';
import { TOTP_AAD } from '../../api/auth/auth-routes';
import { inboxColumns, openInboxEvent } from '../../api/line-webhook/inbox-content';
import { PiiKeyring } from '../../platform/crypto/pii-cipher';
import { TextSealer } from '../../platform/crypto/sealed-text';
import type { Db } from '../../platform/db';
import { reencryptAll } from '../../scripts/reencrypt/reencrypt-rows';
import { createTestDatabase } from '../helpers/test-database';
import { EXAMPLE_PROFILE } from '../helpers/test-stack';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const newKey = () => crypto.randomBytes(32).toString('base64');
const MESSAGES = 23;
const textOf = (i: number) => `眠れない夜 ${i} 番目`;

/** A database as an upgrade finds it: clear text from before encryption at rest, and values under key A. */
async function seed(db: Db, keyA: PiiKeyring) {
  const sealerA = new TextSealer(keyA);
  const [resident] = await db('residents').insert({ code: 'R-REKEY', line_user_id: 'U-rekey' }).returning('id');
  const [consultation] = await db('consultations').insert({ resident_id: resident.id, workflow_id: 'consultation-rekey', status: 'closed', summary: '要約（平文）' }).returning('id');
  for (let i = 0; i < MESSAGES; i += 1) {
    const id = crypto.randomUUID();
    // Every third row was written after the upgrade (key A); the rest are from before it (clear).
    const text = i % 3 === 0 ? sealerA.seal('messages', 'text', id, textOf(i)) : { text: textOf(i) };
    await db('messages').insert({ id, consultation_id: consultation.id, resident_id: resident.id, direction: 'in', sender: 'resident', kind: 'text', ...text, created_at: new Date(Date.UTC(2026, 10, 1, 0, i)) });
  }
  const noteId = crypto.randomUUID();
  await db('consultation_notes').insert({ id: noteId, consultation_id: consultation.id, ...sealerA.seal('consultation_notes', 'text', noteId, 'スタッフのメモ') });
  const [consent] = await db('consents').insert({ id: crypto.randomUUID(), resident_id: resident.id, consultation_id: consultation.id, purpose: 'test', recipient: 'test', text_version: '1' }).returning('id');
  await db('personal_details').insert({ resident_id: resident.id, consent_id: consent.id, field: 'name', ciphertext: keyA.cipher('pii-at-rest').encrypt('鶸田 花子', detailAad(resident.id, 'name')) });
  // A satisfaction comment from before sealing, and an inbox event waiting for the relay under key A.
  await db('satisfaction_responses').insert({ consultation_id: consultation.id, resident_id: resident.id, asked_at: new Date(), score: 4, answered_at: new Date(), comment: '話せてよかった' });
  const inboxEvent = { type: 'message', webhookEventId: 'REKEY0000000000000000000001', timestamp: Date.now(), source: { type: 'user', userId: 'U-rekey' }, message: { type: 'text', id: '1', text: '待っています' } };
  await db('webhook_inbox').insert({ webhook_event_id: inboxEvent.webhookEventId, event_type: 'message', event_timestamp: inboxEvent.timestamp, ...inboxColumns(sealerA, inboxEvent) });
  const [staff] = await db('staff_users').insert({ email: 'rekey@example.jp', display_name: 'rekey', role: 'staff', password_hash: 'x' }).returning('id');
  await db('staff_users').where({ id: staff.id }).update({ totp_secret: keyA.cipher('pii-at-rest').encrypt('JBSWY3DPEHPK3PXP', TOTP_AAD(staff.id)) });
  return { residentId: resident.id as string, consultationId: consultation.id as string, staffId: staff.id as string };
}

/** Everything, read with `keyring`: throws if any value needs a key it does not have. */
async function readAll(db: Db, keyring: PiiKeyring, ids: Awaited<ReturnType<typeof seed>>) {
  const sealer = new TextSealer(keyring);
  const cipher = keyring.cipher('pii-at-rest');
  const messages = await db('messages').where({ consultation_id: ids.consultationId }).orderBy('created_at');
  return {
    keyIds: [...new Set(messages.map((m) => m.text_key_id))],
    messages: messages.map((m) => sealer.open('messages', 'text', m)),
    summary: sealer.open('consultations', 'summary', await db('consultations').where({ id: ids.consultationId }).first()),
    note: sealer.open('consultation_notes', 'text', await db('consultation_notes').where({ consultation_id: ids.consultationId }).first()),
    comment: sealer.open('satisfaction_responses', 'comment', await db('satisfaction_responses').where({ consultation_id: ids.consultationId }).first()),
    inbox: openInboxEvent<{ message: { text: string } }>(sealer, await db('webhook_inbox').first()).message.text,
    name: cipher.decrypt((await db('personal_details').where({ resident_id: ids.residentId }).first()).ciphertext, detailAad(ids.residentId, 'name')),
    totp: cipher.decrypt((await db('staff_users').where({ id: ids.staffId }).first()).totp_secret, TOTP_AAD(ids.staffId)),
  };
}

describe('re-encryption after a key rotation (npm run reencrypt)', () => {
  it('resumed after an interruption, leaves every value under the new key and readable with it alone', async () => {
    const database = await createTestDatabase();
    try {
      const keyA = newKey();
      const ids = await seed(database.db, new PiiKeyring(keyA));
      const keyB = newKey();
      const rotated = new PiiKeyring(keyB, [keyA]);

      // The first run dies after its second batch of messages (a crash, a deploy, Ctrl-C).
      const seen: string[] = [];
      await expect(
        reencryptAll(database.db, rotated, {
          batchSize: 5,
          onProgress: (p) => {
            seen.push(`${p.target}: ${p.done}/${p.total}`);
            if (p.target === 'messages.text' && p.done >= 10) throw new Error('interrupted');
          },
        }),
      ).rejects.toThrow('interrupted');
      expect(seen).toEqual(['messages.text: 0/23', 'messages.text: 5/23', 'messages.text: 10/23']);
      const halfway = await database.db('messages').where({ text_key_id: rotated.current.id }).count<{ n: string }[]>('* as n');
      expect(Number(halfway[0].n)).toBe(10);

      // Run again: the ten done are skipped, the rest (clear or under key A) are sealed under key B.
      const changed = await reencryptAll(database.db, rotated, { batchSize: 5 });
      expect(changed).toMatchObject({ 'messages.text': MESSAGES - 10, 'consultations.summary': 1, 'consultation_notes.text': 1, 'satisfaction_responses.comment': 1, 'webhook_inbox.content': 1, 'personal_details.ciphertext': 1, 'staff_users.totp_secret': 1 });
      // Key A can now be dropped from PII_ENCRYPTION_KEYS_OLD: everything opens with key B alone.
      const read = await readAll(database.db, new PiiKeyring(keyB), ids);
      expect(read).toEqual({
        keyIds: [rotated.current.id],
        messages: Array.from({ length: MESSAGES }, (_, i) => textOf(i)),
        summary: '要約（平文）',
        note: 'スタッフのメモ',
        comment: '話せてよかった',
        inbox: '待っています',
        name: '鶸田 花子',
        totp: 'JBSWY3DPEHPK3PXP',
      });
      expect(Object.values(await reencryptAll(database.db, rotated)).every((n) => n === 0)).toBe(true);

      // The command itself, with the next key: progress lines, then done.
      const keyC = newKey();
      const { DATABASE_URL: _ignored, ...rest } = process.env;
      const { stdout } = await run(process.execPath, ['--import', 'tsx', 'scripts/reencrypt.ts', '--batch-size', '10'], {
        cwd: ROOT,
        env: { ...rest, DATABASE_URL: database.url, MUNICIPALITY_PROFILE: EXAMPLE_PROFILE, PII_ENCRYPTION_KEY: keyC, PII_ENCRYPTION_KEYS_OLD: keyB } as NodeJS.ProcessEnv,
        encoding: 'utf8',
      });
      expect(stdout).toContain('messages.text: 10/23');
      expect(stdout).toContain('messages.text: 23/23');
      expect(stdout).toContain(`every encrypted value is under key ${new PiiKeyring(keyC).current.id}`);
      expect((await readAll(database.db, new PiiKeyring(keyC), ids)).messages).toHaveLength(MESSAGES);
    } finally {
      await database.drop();
    }
  }, 60_000);
});

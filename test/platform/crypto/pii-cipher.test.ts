import crypto from 'node:crypto';
import { PiiKeyring } from '../../../platform/crypto/pii-cipher';
import { EncryptionCodec, ENCRYPTED_ENCODING } from '../../../platform/temporal/encryption-codec';
import { defaultPayloadConverter } from '@temporalio/common';

const key = () => crypto.randomBytes(32).toString('base64');
const CANARY = '鶸田カナリア-090-5555-0199';

describe('PII cipher', () => {
  it('round-trips, names its key, and refuses a tampered value or another place', () => {
    const cipher = new PiiKeyring(key()).cipher('pii-at-rest');
    const sealed = cipher.encrypt(CANARY, 'resident-1:name');
    expect(sealed).toMatch(new RegExp(`^v1\\.${cipher.currentKeyId}\\.`));
    expect(sealed).not.toContain('カナリア');
    expect(cipher.decrypt(sealed, 'resident-1:name')).toBe(CANARY);
    expect(() => cipher.decrypt(sealed, 'resident-2:name')).toThrow();
    const body = Buffer.from(sealed.split('.')[2], 'base64');
    body[body.length - 1] ^= 1;
    expect(() => cipher.decrypt(`v1.${cipher.currentKeyId}.${body.toString('base64')}`, 'resident-1:name')).toThrow();
  });

  it('reads values written with an old key after rotation, and writes with the new one', () => {
    const oldKey = key();
    const before = new PiiKeyring(oldKey).cipher('pii-at-rest');
    const sealed = before.encrypt(CANARY);
    const after = new PiiKeyring(key(), [oldKey]).cipher('pii-at-rest');
    expect(after.decrypt(sealed)).toBe(CANARY);
    expect(after.needsRotation(sealed)).toBe(true);
    expect(after.needsRotation(after.encrypt(CANARY))).toBe(false);
    expect(() => new PiiKeyring(key()).cipher('pii-at-rest').decrypt(sealed)).toThrow(/no encryption key/);
  });

  it('uses a different subkey for Temporal than for the database', () => {
    const ring = new PiiKeyring(key());
    const sealed = ring.cipher('pii-at-rest').encrypt(CANARY);
    expect(() => ring.cipher('temporal-payload').decrypt(sealed)).toThrow();
  });
});

describe('Temporal encryption codec', () => {
  it('encrypts every payload and decodes it back exactly', async () => {
    const codec = new EncryptionCodec(new PiiKeyring(key()).cipher('temporal-payload'));
    const payloads = [defaultPayloadConverter.toPayload({ name: CANARY }), defaultPayloadConverter.toPayload(null), defaultPayloadConverter.toPayload(new Uint8Array([1, 2, 3]))];
    const encoded = await codec.encode(payloads);
    for (const p of encoded) {
      expect(Buffer.from(p.metadata!.encoding!).toString()).toBe(ENCRYPTED_ENCODING);
      expect(Buffer.from(p.data!).toString('utf8')).not.toContain('カナリア');
    }
    const decoded = await codec.decode(encoded);
    expect(decoded.map((p) => defaultPayloadConverter.fromPayload(p))).toEqual([{ name: CANARY }, null, new Uint8Array([1, 2, 3])]);
    // Payloads written before encryption was turned on still read.
    expect(await codec.decode([payloads[0]])).toEqual([payloads[0]]);
  });
});

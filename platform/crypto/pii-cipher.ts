import crypto from 'node:crypto';

/**
 * AES-256-GCM for personal details, at rest (Postgres) and in flight through Temporal (the payload codec).
 *
 * Keys: `PII_ENCRYPTION_KEY` is the current master key (32 bytes, base64); `PII_ENCRYPTION_KEYS_OLD`
 * lists earlier ones (comma-separated) that are still read but never written with. Each master key is
 * known by a key id (the first 8 hex digits of its SHA-256), written in front of every ciphertext, so a
 * value always names the key that can open it and rotation needs no flag day.
 *
 * Separate keys per use: the database and Temporal get different subkeys (HKDF-SHA256 with a purpose
 * label), so a leaked Temporal history key does not open the database column and vice versa.
 */
export type KeyPurpose = 'pii-at-rest' | 'temporal-payload';

const IV_BYTES = 12;
const TAG_BYTES = 16;
const VERSION = 'v1';

export interface MasterKey {
  id: string;
  key: Buffer;
}

export function masterKeyFromBase64(b64: string): MasterKey {
  const key = Buffer.from(b64, 'base64');
  if (key.length !== 32) throw new RangeError('an encryption key must be 32 bytes (openssl rand -base64 32)');
  return { id: crypto.createHash('sha256').update(key).digest('hex').slice(0, 8), key };
}

/**
 * Outside production a fixed key derived from a public label: every process (API, worker, tests) and
 * every restart agree without a file to share. It protects nothing — production refuses to start
 * without PII_ENCRYPTION_KEY (platform/config/env.ts).
 */
export const DEVELOPMENT_KEY_B64 = crypto.createHash('sha256').update('yorisoi development-only PII key — never use in production').digest('base64');

export class PiiKeyring {
  readonly current: MasterKey;
  private readonly byId = new Map<string, MasterKey>();
  // HKDF once per key and purpose: lists open many values in one request.
  private readonly subkeys = new Map<string, Buffer>();

  constructor(current: string, old: readonly string[] = []) {
    this.current = masterKeyFromBase64(current);
    for (const k of [this.current, ...old.map(masterKeyFromBase64)]) if (!this.byId.has(k.id)) this.byId.set(k.id, k);
  }

  static fromEnv(env: { PII_ENCRYPTION_KEY?: string; PII_ENCRYPTION_KEYS_OLD?: string }): PiiKeyring {
    const old = (env.PII_ENCRYPTION_KEYS_OLD ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    return new PiiKeyring(env.PII_ENCRYPTION_KEY ?? DEVELOPMENT_KEY_B64, old);
  }

  /** The subkey of one master key for one purpose. */
  subkey(keyId: string, purpose: KeyPurpose): Buffer {
    const master = this.byId.get(keyId);
    if (!master) throw new Error(`no encryption key with id ${keyId} (is it missing from PII_ENCRYPTION_KEYS_OLD?)`);
    const cacheKey = `${keyId}/${purpose}`;
    let subkey = this.subkeys.get(cacheKey);
    if (!subkey) {
      subkey = Buffer.from(crypto.hkdfSync('sha256', master.key, Buffer.alloc(0), `yorisoi/${purpose}`, 32));
      this.subkeys.set(cacheKey, subkey);
    }
    return subkey;
  }

  cipher(purpose: KeyPurpose): PiiCipher {
    return new PiiCipher(this, purpose);
  }
}

export class PiiCipher {
  constructor(
    readonly keyring: PiiKeyring,
    private readonly purpose: KeyPurpose,
  ) {}

  get currentKeyId(): string {
    return this.keyring.current.id;
  }

  /** iv ‖ tag ‖ ciphertext with the current key. `aad` binds the value to its place (resident and field). */
  sealBytes(plain: Uint8Array, aad?: string): { keyId: string; sealed: Buffer } {
    const keyId = this.keyring.current.id;
    const iv = crypto.randomBytes(IV_BYTES);
    const c = crypto.createCipheriv('aes-256-gcm', this.keyring.subkey(keyId, this.purpose), iv);
    if (aad) c.setAAD(Buffer.from(aad, 'utf8'));
    const body = Buffer.concat([c.update(plain), c.final()]);
    return { keyId, sealed: Buffer.concat([iv, c.getAuthTag(), body]) };
  }

  openBytes(keyId: string, sealed: Uint8Array, aad?: string): Buffer {
    const buf = Buffer.from(sealed);
    const d = crypto.createDecipheriv('aes-256-gcm', this.keyring.subkey(keyId, this.purpose), buf.subarray(0, IV_BYTES));
    if (aad) d.setAAD(Buffer.from(aad, 'utf8'));
    d.setAuthTag(buf.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([d.update(buf.subarray(IV_BYTES + TAG_BYTES)), d.final()]);
  }

  /** `v1.<keyId>.<base64>`: text for a database column. */
  encrypt(plain: string, aad?: string): string {
    const { keyId, sealed } = this.sealBytes(Buffer.from(plain, 'utf8'), aad);
    return `${VERSION}.${keyId}.${sealed.toString('base64')}`;
  }

  decrypt(token: string, aad?: string): string {
    const [version, keyId, body] = token.split('.');
    if (version !== VERSION || !keyId || !body) throw new Error('not a ciphertext this version can read');
    return this.openBytes(keyId, Buffer.from(body, 'base64'), aad).toString('utf8');
  }

  /** Whether a stored value was written with an older key (the rotation script re-encrypts those). */
  needsRotation(token: string): boolean {
    return token.split('.')[1] !== this.keyring.current.id;
  }
}

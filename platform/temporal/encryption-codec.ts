import type { Payload, PayloadCodec } from '@temporalio/common';
import type { PiiCipher } from '../crypto/pii-cipher';
import { FAILURE_CONVERTER_PATH } from './failure-converter';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';

const utf8 = (s: string) => new TextEncoder().encode(s);
const fromUtf8 = (b: Uint8Array | null | undefined) => (b ? new TextDecoder().decode(b) : undefined);
const b64 = (b: Uint8Array | null | undefined) => Buffer.from(b ?? new Uint8Array()).toString('base64');

/** A Payload as bytes: JSON with base64 fields (no protobuf dependency; the envelope is sealed anyway). */
function serialize(p: Payload): Uint8Array {
  const metadata = Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, b64(v)]));
  return utf8(JSON.stringify({ metadata, data: b64(p.data) }));
}
function deserialize(bytes: Uint8Array): Payload {
  const o = JSON.parse(new TextDecoder().decode(bytes)) as { metadata: Record<string, string>; data: string };
  return {
    metadata: Object.fromEntries(Object.entries(o.metadata).map(([k, v]) => [k, new Uint8Array(Buffer.from(v, 'base64'))])),
    data: new Uint8Array(Buffer.from(o.data, 'base64')),
  };
}

/**
 * Encrypts every Temporal payload (workflow inputs, signals, updates, activity inputs and results,
 * queries, memo), so histories and the Web UI never show a resident's words or personal details.
 * The whole serialized Payload is sealed, metadata included; the key id travels in the clear so old
 * histories stay readable after a key rotation. Search attributes are not payloads and are never
 * encoded: they must hold no personal data. Used by both client and worker (same key).
 */
export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly cipher: PiiCipher) {}

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const { keyId, sealed } = this.cipher.sealBytes(serialize(payload));
      return { metadata: { encoding: utf8(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8(keyId) }, data: sealed };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      if (fromUtf8(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
      const keyId = fromUtf8(payload.metadata?.[KEY_ID_METADATA]);
      if (!keyId || !payload.data) throw new Error('encrypted payload without key id or data');
      return deserialize(this.cipher.openBytes(keyId, payload.data));
    });
  }
}

/**
 * The data converter client and worker share. Workflow bundles built ahead of time must pass the same
 * failureConverterPath to bundleWorkflowCode.
 */
export const encryptedDataConverter = (cipher: PiiCipher) => ({ payloadCodecs: [new EncryptionCodec(cipher)], failureConverterPath: FAILURE_CONVERTER_PATH });

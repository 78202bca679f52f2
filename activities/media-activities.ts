import crypto from 'node:crypto';
import type { Readable } from 'node:stream';
import { HTTPFetchError, type messagingApi } from '@line/bot-sdk';
import { ApplicationFailure } from '@temporalio/activity';
import type { PiiKeyring } from '../platform/crypto/pii-cipher';
import { TextSealer } from '../platform/crypto/sealed-text';
import type { Db } from '../platform/db';
import { publish } from '../platform/events';
import { baseContentType, judgeContent, MAX_MEDIA_BYTES } from './media/media-content';

export interface FetchMediaInput {
  consultationId: string;
  residentId: string;
  /** The webhook event that carried the message (its `messages` row is found by it). */
  eventId: string;
  /** LINE's message id, the key of the content API. */
  lineMessageId: string;
}

export type FetchMediaOutcome = { status: 'stored' | 'too_large' | 'unsupported' | 'failed' | 'already' | 'unavailable' };

/** Reads at most `limit` + 1 bytes: enough to tell that a body is too large without holding all of it. */
async function readCapped(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of stream) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    chunks.push(buf);
    length += buf.length;
    if (length > limit) {
      stream.destroy();
      break;
    }
  }
  return Buffer.concat(chunks);
}

/**
 * Images and files residents send, fetched from LINE's content API (the data host) and kept sealed.
 * Idempotent: one `message_media` row per message; a retry after it was written does nothing.
 */
export function createMediaActivities(deps: { db: Db; lineBlob?: messagingApi.MessagingApiBlobClient; keyring: PiiKeyring }) {
  const { db } = deps;
  const sealer = new TextSealer(deps.keyring);

  return {
    async fetchResidentMedia(input: FetchMediaInput): Promise<FetchMediaOutcome> {
      if (!deps.lineBlob) return { status: 'unavailable' };
      const message = await db('messages').where({ webhook_event_id: input.eventId }).first('id');
      if (!message) throw ApplicationFailure.nonRetryable('the media message was not recorded', 'NotFound');
      if (await db('message_media').where({ message_id: message.id }).first('id')) return { status: 'already' };
      // @line/bot-sdk 11.0.0 puts the id into the path unescaped: only LINE's digits go there.
      if (!/^\d{1,32}$/.test(input.lineMessageId)) return record(message.id, input, 'failed');

      let contentType: string;
      let bytes: Buffer;
      try {
        const { httpResponse, body } = await deps.lineBlob.getMessageContentWithHttpInfo(input.lineMessageId);
        contentType = baseContentType(httpResponse.headers.get('content-type'));
        const declared = Number(httpResponse.headers.get('content-length') ?? NaN);
        if (declared > MAX_MEDIA_BYTES) {
          body.destroy();
          return record(message.id, input, 'too_large', contentType, declared);
        }
        bytes = await readCapped(body, MAX_MEDIA_BYTES);
      } catch (err) {
        // 429/5xx and network faults are retried; anything else LINE refused (gone, never there) is final.
        if (err instanceof HTTPFetchError && err.status !== 429 && err.status < 500) return record(message.id, input, 'failed');
        throw ApplicationFailure.retryable(err instanceof HTTPFetchError ? `LINE content API ${err.status}` : 'LINE content API unreachable', 'LineUnavailable');
      }
      const verdict = judgeContent(contentType, bytes);
      if (verdict !== 'stored') return record(message.id, input, verdict, contentType, bytes.length);
      return record(message.id, input, 'stored', contentType, bytes.length, bytes);
    },
  };

  async function record(
    messageId: string,
    input: FetchMediaInput,
    status: 'stored' | 'too_large' | 'unsupported' | 'failed',
    contentType?: string,
    byteSize?: number,
    bytes?: Buffer,
  ): Promise<FetchMediaOutcome> {
    const id = crypto.randomUUID();
    const sealed = bytes ? sealer.sealBytes('message_media', 'content', id, bytes) : undefined;
    await db('message_media')
      .insert({
        id,
        message_id: messageId,
        consultation_id: input.consultationId,
        resident_id: input.residentId,
        status,
        content_type: contentType || null,
        byte_size: byteSize ?? null,
        content: sealed?.sealed ?? null,
        content_key_id: sealed?.keyId ?? null,
      })
      .onConflict('message_id')
      .ignore();
    await publish(db, { type: 'message', consultationId: input.consultationId });
    return { status };
  }
}

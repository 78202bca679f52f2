import crypto from 'node:crypto';
import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../platform/db';
import { publish } from '../platform/events';
import type { Logger } from '../platform/logger';
import type { TextMessage } from '../workflows/consultation/line-messages';

export interface SendInput {
  /** Chosen by the workflow; the same key on a retry finds the earlier attempt. */
  sendKey: string;
  consultationId: string;
  residentId: string;
  messages: TextMessage[];
  replyToken?: string;
  /** LINE's timestamp of the event that carried the reply token. */
  replyTokenIssuedAt?: number;
  sender: 'ai' | 'system' | 'staff';
  answeredBy?: string;
  staffId?: string;
  usage?: { promptTokens?: number; completionTokens?: number };
}

export type SendOutcome = { status: 'sent'; delivery: 'reply' | 'push' } | { status: 'suppressed' } | { status: 'failed'; error: string };

const isInvalidReplyToken = (err: unknown) =>
  err instanceof HTTPFetchError && err.status === 400 && /invalid reply token/i.test(String(err.body));

const transient = (err: unknown) => !(err instanceof HTTPFetchError) || err.status === 429 || err.status >= 500;

export function createLineActivities(deps: { db: Db; line: messagingApi.MessagingApiClient; replyTokenMaxAgeMs: number; logger: Logger }) {
  const { db, line } = deps;

  const markSent = async (id: string, delivery: 'reply' | 'push', requestId?: string) => {
    const [row] = await db('messages')
      .where({ id })
      .update({ delivery, delivery_status: 'sent', sent_at: db.fn.now(), line_request_id: requestId ?? null, error: null })
      .returning('consultation_id');
    if (row?.consultation_id) await publish(db, { type: 'message', consultationId: row.consultation_id });
  };

  async function push(row: { id: string; retry_key: string }, to: string, messages: TextMessage[]): Promise<SendOutcome> {
    await db('messages').where({ id: row.id }).update({ delivery: 'push' });
    try {
      // The retry key makes LINE accept this push once, however often the activity retries it.
      const { httpResponse } = await line.pushMessageWithHttpInfo({ to, messages }, row.retry_key);
      await markSent(row.id, 'push', httpResponse.headers.get('x-line-request-id') ?? undefined);
      return { status: 'sent', delivery: 'push' };
    } catch (err) {
      if (err instanceof HTTPFetchError && err.status === 409) {
        await markSent(row.id, 'push', err.headers.get('x-line-accepted-request-id') ?? undefined);
        return { status: 'sent', delivery: 'push' };
      }
      throw err;
    }
  }

  return {
    /**
     * Sends once: by reply while the token is fresh (free of charge), else by push with a retry key.
     * 429 and 5xx are thrown for Temporal to retry; other 4xx are recorded on the message and returned.
     */
    async sendToResident(input: SendInput): Promise<SendOutcome> {
      const text = input.messages.map((m) => m.text).join('\n\n');
      await db('messages')
        .insert({
          consultation_id: input.consultationId,
          resident_id: input.residentId,
          direction: 'out',
          sender: input.sender,
          kind: 'text',
          text,
          payload: JSON.stringify({ messages: input.messages }),
          send_key: input.sendKey,
          retry_key: crypto.randomUUID(),
          delivery_status: 'pending',
          answered_by: input.answeredBy ?? null,
          staff_id: input.staffId ?? null,
          prompt_tokens: input.usage?.promptTokens ?? null,
          completion_tokens: input.usage?.completionTokens ?? null,
        })
        .onConflict('send_key')
        .ignore();
      const row = await db('messages').where({ send_key: input.sendKey }).first();
      if (row.delivery_status === 'sent') return { status: 'sent', delivery: row.delivery };
      if (row.delivery_status === 'suppressed') return { status: 'suppressed' };
      if (row.delivery_status === 'failed') return { status: 'failed', error: row.error };

      const resident = await db('residents').where({ id: input.residentId }).first('line_user_id', 'status');
      if (!resident?.line_user_id || resident.status !== 'active') {
        await db('messages').where({ id: row.id }).update({ delivery_status: 'suppressed' });
        return { status: 'suppressed' };
      }
      try {
        const tokenAge = input.replyTokenIssuedAt === undefined ? Infinity : Date.now() - input.replyTokenIssuedAt;
        if (input.replyToken && tokenAge <= deps.replyTokenMaxAgeMs) {
          const retryOfReply = row.delivery === 'reply';
          await db('messages').where({ id: row.id }).update({ delivery: 'reply' });
          try {
            await line.replyMessage({ replyToken: input.replyToken, messages: input.messages });
            await markSent(row.id, 'reply');
            return { status: 'sent', delivery: 'reply' };
          } catch (err) {
            // A fresh token refused on a retry was spent by our own earlier attempt, whose answer
            // was lost with the worker: the resident has the message, so do not push it again.
            if (retryOfReply && isInvalidReplyToken(err)) {
              await markSent(row.id, 'reply');
              return { status: 'sent', delivery: 'reply' };
            }
            if (!isInvalidReplyToken(err)) throw err;
          }
        }
        return await push(row, resident.line_user_id, input.messages);
      } catch (err) {
        if (transient(err)) throw err;
        const error = err instanceof HTTPFetchError ? `LINE ${err.status}: ${String(err.body).slice(0, 300)}` : String(err);
        await db('messages').where({ id: row.id }).update({ delivery_status: 'failed', error });
        deps.logger.warn({ consultationId: input.consultationId, status: (err as HTTPFetchError).status }, 'LINE refused a message');
        return { status: 'failed', error };
      }
    },

    async showLoadingAnimation(input: { residentId: string }): Promise<void> {
      const resident = await deps.db('residents').where({ id: input.residentId }).first('line_user_id', 'status');
      if (!resident?.line_user_id || resident.status !== 'active') return;
      try {
        await line.showLoadingAnimation({ chatId: resident.line_user_id, loadingSeconds: 20 });
      } catch (err) {
        throw ApplicationFailure.nonRetryable(`loading animation refused: ${(err as Error).message}`, 'LoadingAnimation');
      }
    },
  };
}

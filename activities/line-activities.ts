import crypto from 'node:crypto';
import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { richMenuAliasId } from '../contracts/rich-menu';
import type { MunicipalityProfile } from '../platform/config/profile';
import type { PiiKeyring } from '../platform/crypto/pii-cipher';
import { TextSealer } from '../platform/crypto/sealed-text';
import type { Db } from '../platform/db';
import { isAbsentOnLine } from '../platform/line';
import { publish } from '../platform/events';
import type { Logger } from '../platform/logger';
import { JAPANESE, resolveLanguage } from '../workflows/consultation/language';
import type { TextMessage } from '../workflows/consultation/line-messages';
import type { RichMenuLinkOutcome } from '../workflows/resident-menu/messages';

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

/** The request never left this machine (nothing listening, no such host): LINE cannot have acted on it. */
const neverSent = (err: unknown) => /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN)$/.test(String((err as { cause?: { code?: unknown } })?.cause?.code ?? ''));

/** LINE's own error message, without the details (which name our properties, never content). */
const lineError = (err: HTTPFetchError) => {
  let message = '';
  try {
    message = String((JSON.parse(String(err.body)) as { message?: unknown }).message ?? '');
  } catch {
    // not JSON
  }
  return `LINE ${err.status}${message ? `: ${message.slice(0, 200)}` : ''}`;
};

/**
 * Heartbeats while a send runs, so with a short heartbeat timeout a worker that dies mid-send is
 * noticed in seconds and the retry still finds the reply token fresh. A no-op outside an activity.
 */
function keepAlive(): () => void {
  let context: Context;
  try {
    context = Context.current();
  } catch {
    return () => undefined;
  }
  context.heartbeat();
  const timer = setInterval(() => context.heartbeat(), 1_000);
  return () => clearInterval(timer);
}

interface MessageRow {
  id: string;
  retry_key: string;
  delivery: 'reply' | 'push' | null;
  reply_state: 'attempting' | 'refused' | null;
}

export function createLineActivities(deps: {
  db: Db;
  line: messagingApi.MessagingApiClient;
  replyTokenMaxAgeMs: number;
  logger: Logger;
  keyring: PiiKeyring;
  profile: Pick<MunicipalityProfile, 'languages'>;
}) {
  const { db, line } = deps;
  const sealer = new TextSealer(deps.keyring);

  const markSent = async (id: string, delivery: 'reply' | 'push', requestId?: string) => {
    const [row] = await db('messages')
      .where({ id })
      .update({ delivery, delivery_status: 'sent', sent_at: db.fn.now(), line_request_id: requestId ?? null, error: null, reply_state: null })
      .returning('consultation_id');
    if (row?.consultation_id) await publish(db, { type: 'message', consultationId: row.consultation_id });
  };

  /**
   * The reply, decided from what the row records rather than the clock: a reply is started only on a
   * fresh token and recorded as `attempting` before LINE is called. When a retry finds an attempt whose
   * answer was lost, it asks LINE again with the same token: 200 means the first never arrived;
   * "Invalid reply token" means the first spent it (a token is spent only by an accepted reply), so the
   * resident has the message and nothing more is sent. `undefined`: deliver by push instead.
   */
  async function tryReply(row: MessageRow, input: SendInput): Promise<SendOutcome | undefined> {
    const unresolved = row.reply_state === 'attempting';
    const fresh = input.replyTokenIssuedAt !== undefined && Date.now() - input.replyTokenIssuedAt <= deps.replyTokenMaxAgeMs;
    if (!input.replyToken || (!unresolved && !fresh)) return undefined;
    await db('messages').where({ id: row.id }).update({ delivery: 'reply', reply_state: 'attempting', reply_attempted_at: db.fn.now() });
    try {
      const { httpResponse } = await line.replyMessageWithHttpInfo({ replyToken: input.replyToken, messages: input.messages });
      await markSent(row.id, 'reply', httpResponse.headers.get('x-line-request-id') ?? undefined);
      return { status: 'sent', delivery: 'reply' };
    } catch (err) {
      if (!(err instanceof HTTPFetchError) && !neverSent(err)) throw err; // no answer: still `attempting`
      if (unresolved && isInvalidReplyToken(err)) {
        await markSent(row.id, 'reply');
        deps.logger.info({ consultationId: input.consultationId, messageId: row.id }, 'reply token spent by an attempt whose answer was lost; not sent again');
        return { status: 'sent', delivery: 'reply' };
      }
      // LINE answered (or was never reached): this attempt did not spend the token.
      await db('messages').where({ id: row.id }).update({ delivery: null, reply_state: 'refused' });
      if (isInvalidReplyToken(err)) return undefined;
      throw err;
    }
  }

  async function push(row: MessageRow, to: string, messages: TextMessage[]): Promise<SendOutcome> {
    // Recorded first: from here on this message only ever goes by push, under the one retry key.
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

  /**
   * The outgoing message in the timeline, `pending` (送信中) until LINE takes it; the same key finds the
   * row again, so a message recorded ahead of its send (a staff message) and by the send is one row.
   */
  async function recordOutgoing(input: SendInput): Promise<void> {
    const text = input.messages.map((m) => m.text).join('\n\n');
    const id = crypto.randomUUID();
    const inserted = await db('messages')
      .insert({
        id,
        consultation_id: input.consultationId,
        resident_id: input.residentId,
        direction: 'out',
        sender: input.sender,
        kind: 'text',
        ...sealer.seal('messages', 'text', id, text),
        // The message shapes (quick replies) without their text, which is sealed above.
        payload: JSON.stringify({ messages: input.messages.map(({ text: _text, ...shape }) => shape) }),
        send_key: input.sendKey,
        retry_key: crypto.randomUUID(),
        delivery_status: 'pending',
        answered_by: input.answeredBy ?? null,
        staff_id: input.staffId ?? null,
        prompt_tokens: input.usage?.promptTokens ?? null,
        completion_tokens: input.usage?.completionTokens ?? null,
      })
      .onConflict('send_key')
      .ignore()
      .returning('id');
    // The dashboard shows the message at once, as 送信中; markSent and a failure update it live.
    if (inserted.length > 0) await publish(db, { type: 'message', consultationId: input.consultationId });
  }

  return {
    recordOutgoing,

    /**
     * Sends once: by reply while the token is fresh (free of charge), else by push with a retry key.
     * 429, 5xx and lost answers are thrown for Temporal to retry (a send that cannot be delivered
     * throws after its retries); other 4xx are recorded on the message and returned.
     */
    async sendToResident(input: SendInput): Promise<SendOutcome> {
      const stopHeartbeats = keepAlive();
      try {
        await recordOutgoing(input);
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
          if (row.delivery !== 'push') {
            const replied = await tryReply(row, input);
            if (replied) return replied;
          }
          return await push(row, resident.line_user_id, input.messages);
        } catch (err) {
          if (transient(err)) throw err;
          const error = lineError(err as HTTPFetchError);
          await db('messages').where({ id: row.id }).update({ delivery_status: 'failed', error });
          await publish(db, { type: 'message', consultationId: input.consultationId });
          deps.logger.warn({ consultationId: input.consultationId, status: (err as HTTPFetchError).status }, 'LINE refused a message');
          return { status: 'failed', error };
        }
      } finally {
        stopHeartbeats();
      }
    },

    /**
     * Gives the resident's chat the rich menu of the language they are answered in now (read here, so
     * whichever run comes last links the latest choice): their language's menu, found by its alias
     * (`npm run line:richmenu`), or, for Japanese, no menu of their own, so the default shows. The
     * same call again changes nothing. No alias (no menus published yet): nothing to do. A refusal
     * is logged and ends here; only network failures, 429 and 5xx are retried.
     */
    async linkResidentRichMenu(input: { residentId: string }): Promise<RichMenuLinkOutcome> {
      const resident = await deps.db('residents').where({ id: input.residentId }).first('line_user_id', 'language');
      if (!resident?.line_user_id) return 'no-resident';
      const language = resolveLanguage(resident.language ?? undefined, Object.keys(deps.profile.languages));
      try {
        if (language === JAPANESE) {
          await line.unlinkRichMenuIdFromUser(resident.line_user_id);
          return 'default';
        }
        const alias = await line.getRichMenuAlias(richMenuAliasId(language)).catch((err: unknown) => {
          if (isAbsentOnLine(err)) return undefined;
          throw err;
        });
        if (!alias) return 'no-menu';
        await line.linkRichMenuIdToUser(resident.line_user_id, alias.richMenuId);
        return 'linked';
      } catch (err) {
        if (transient(err)) throw err;
        deps.logger.warn({ residentId: input.residentId, language, error: lineError(err as HTTPFetchError) }, 'LINE refused the rich menu of the resident\'s language');
        return 'refused';
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

import { validateSignature } from '@line/bot-sdk';
import express from 'express';
import type { TextSealer } from '../../platform/crypto/sealed-text';
import type { Db } from '../../platform/db';
import { AppError, FailureCode } from '../http/errors';
import type { RouteSpec } from '../http/route';
import { inboxColumns } from './inbox-content';

/** LINE sends up to a few hundred events in one request; 1 MB is far above a real delivery. */
export const WEBHOOK_BODY_LIMIT = '1mb';

interface InboxEvent extends Record<string, unknown> {
  webhookEventId: string;
  type: string;
  timestamp: number;
  deliveryContext?: { isRedelivery?: boolean };
}

function parseEvents(raw: Buffer, botUserId?: string): InboxEvent[] {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AppError(FailureCode.BadInput, 'JSON の形式が正しくありません。');
  }
  // A valid signature with another bot's id: a channel secret shared by mistake. Not ours to store.
  if (botUserId && (body as { destination?: unknown })?.destination !== botUserId) {
    throw new AppError(FailureCode.BadInput, 'このチャネル宛てのイベントではありません。');
  }
  const events = (body as { events?: unknown })?.events;
  if (!Array.isArray(events)) throw new AppError(FailureCode.BadInput, 'events がありません。');
  for (const e of events as InboxEvent[]) {
    if (typeof e?.webhookEventId !== 'string' || typeof e.type !== 'string' || typeof e.timestamp !== 'number') {
      throw new AppError(FailureCode.BadInput, 'イベントの形式が正しくありません。');
    }
  }
  return events as InboxEvent[];
}

/**
 * `POST /webhooks/line`: verify the signature over the raw bytes, store every event in the inbox in
 * one statement (what residents sent sealed at rest), answer 200, then let the relay hand the events to Temporal. An acknowledged event
 * is in Postgres before LINE hears 200, so nothing is lost while Temporal or the worker is down.
 */
export function lineWebhookRoutes(deps: { db: Db; sealer: TextSealer; channelSecret: string; botUserId?: string; onStored: () => void }): RouteSpec[] {
  return [
    {
      method: 'post',
      path: '/webhooks/line',
      access: 'line-signature',
      before: [express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT })],
      handler: async (req, res) => {
        const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const signature = req.get('x-line-signature');
        if (!signature || !validateSignature(raw, deps.channelSecret, signature)) {
          throw new AppError(FailureCode.InvalidSignature, '署名を確認できませんでした。');
        }
        const events = parseEvents(raw, deps.botUserId);
        if (events.length > 0) {
          // One statement, so no explicit transaction: all the events are stored, or none and LINE retries.
          await deps.db('webhook_inbox')
            .insert(
              events.map((e) => ({
                webhook_event_id: e.webhookEventId,
                event_type: e.type,
                // The envelope in clear, what the resident sent sealed: the statement stays one insert.
                ...inboxColumns(deps.sealer, e),
                event_timestamp: e.timestamp,
                is_redelivery: e.deliveryContext?.isRedelivery === true,
              })),
            )
            // A redelivery or a repeated POST of an event we already hold changes nothing.
            .onConflict('webhook_event_id')
            .ignore();
        }
        res.status(200).json({});
        if (events.length > 0) deps.onStored();
      },
    },
  ];
}

import { validateSignature } from '@line/bot-sdk';
import express from 'express';
import type { Db } from '../../platform/db';
import { AppError, FailureCode } from '../http/errors';
import type { RouteSpec } from '../http/route';

/** LINE sends up to a few hundred events in one request; 1 MB is far above a real delivery. */
export const WEBHOOK_BODY_LIMIT = '1mb';

interface InboxEvent {
  webhookEventId: string;
  type: string;
  timestamp: number;
  deliveryContext?: { isRedelivery?: boolean };
}

function parseEvents(raw: Buffer): InboxEvent[] {
  let body: unknown;
  try {
    body = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new AppError(FailureCode.BadInput, 'JSON の形式が正しくありません。');
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
 * one statement, answer 200, then let the relay hand the events to Temporal. An acknowledged event
 * is in Postgres before LINE hears 200, so nothing is lost while Temporal or the worker is down.
 */
export function lineWebhookRoutes(deps: { db: Db; channelSecret: string; onStored: () => void }): RouteSpec[] {
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
        const events = parseEvents(raw);
        if (events.length > 0) {
          // One statement, so no explicit transaction: all the events are stored, or none and LINE retries.
          await deps.db('webhook_inbox')
            .insert(
              events.map((e) => ({
                webhook_event_id: e.webhookEventId,
                event_type: e.type,
                // PostgreSQL text cannot hold NUL: one such character would refuse the whole delivery.
                event: JSON.stringify(e, (_key, value: unknown) => (typeof value === 'string' ? value.replace(/\u0000/g, '\uFFFD') : value)),
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

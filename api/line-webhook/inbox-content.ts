import type { TextSealer } from '../../platform/crypto/sealed-text';

/**
 * What the inbox keeps in clear: the envelope the relay orders, de-duplicates and dead-letters by
 * (`resident_key` is generated from `source.userId`). Everything else a LINE event carries (the
 * message with its text, a location's address, a postback's data, …) is what the resident sent:
 * sealed in `content` with the at-rest cipher until the relay has handed it to Temporal.
 */
const ENVELOPE_KEYS = new Set(['type', 'mode', 'timestamp', 'source', 'webhookEventId', 'deliveryContext', 'replyToken']);

// PostgreSQL text cannot hold NUL: one such character would refuse the whole delivery.
const withoutNul = (_key: string, value: unknown) => (typeof value === 'string' ? value.replace(/\u0000/g, '\uFFFD') : value);

/** The inbox columns for one event: its envelope in `event`, the rest sealed (bound to the event id). */
export function inboxColumns(sealer: TextSealer, event: { webhookEventId: string } & Record<string, unknown>): Record<string, string | null> {
  const envelope: Record<string, unknown> = {};
  const content: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event)) (ENVELOPE_KEYS.has(key) ? envelope : content)[key] = value;
  const sealed = Object.keys(content).length > 0 ? JSON.stringify(content, withoutNul) : null;
  return { event: JSON.stringify(envelope, withoutNul), ...sealer.seal('webhook_inbox', 'content', event.webhookEventId, sealed) };
}

/** The event as LINE sent it, from a row read with `event`, `content` and `content_key_id`. */
export function openInboxEvent<E>(sealer: TextSealer, row: { webhook_event_id: string; event: unknown; content?: string | null; content_key_id?: string | null }): E {
  // Rows stored before sealing hold everything in `event` and no content.
  const content = sealer.open('webhook_inbox', 'content', row, row.webhook_event_id);
  return { ...(row.event as object), ...(content ? (JSON.parse(content) as object) : {}) } as E;
}

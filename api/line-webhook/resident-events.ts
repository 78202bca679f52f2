import type { webhook } from '@line/bot-sdk';
import type { ResidentEvent } from '../../workflows/consultation/messages';

const MEDIA_TYPES = new Set(['sticker', 'image', 'video', 'audio', 'file', 'location']);

/**
 * Reduces a LINE webhook event to the resident it concerns and what the consultation needs.
 * `undefined` means the event is recorded in the inbox and otherwise ignored.
 */
export function toResidentEvent(event: webhook.Event & { webhookEventId: string }): { lineUserId: string; event: ResidentEvent } | undefined {
  const source = event.source;
  if (!source || source.type !== 'user' || !source.userId) return undefined;
  const base = { eventId: event.webhookEventId, timestamp: event.timestamp };
  const replyToken = 'replyToken' in event && typeof event.replyToken === 'string' ? event.replyToken : undefined;
  const lineUserId = source.userId;
  switch (event.type) {
    case 'follow':
      return { lineUserId, event: { ...base, kind: 'follow', replyToken } };
    case 'unfollow':
      return { lineUserId, event: { ...base, kind: 'unfollow' } };
    case 'postback':
      return { lineUserId, event: { ...base, kind: 'postback', replyToken, data: (event as webhook.PostbackEvent).postback.data } };
    case 'message': {
      const message = (event as webhook.MessageEvent).message;
      if (message.type === 'text') return { lineUserId, event: { ...base, kind: 'text', replyToken, text: (message as webhook.TextMessageContent).text } };
      if (MEDIA_TYPES.has(message.type)) {
        // The message id lets the worker fetch the bytes; a sticker's keywords are what staff read for it.
        const keywords = message.type === 'sticker' ? (message as webhook.StickerMessageContent).keywords?.slice(0, 10) : undefined;
        return { lineUserId, event: { ...base, kind: 'media', replyToken, mediaType: message.type, messageId: message.id, ...(keywords?.length ? { keywords } : {}) } };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

import { ActivityFailure, log, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ResidentEvent } from './messages';

/** The kinds of LINE message whose bytes are fetched (a sticker or a location has none). */
const FETCHED_MEDIA_TYPES: readonly string[] = ['image', 'video', 'audio', 'file'];

// LINE keeps content for a while only, so a few quick tries; after that the timeline says it failed.
const media = proxyActivities<Activities>({ startToCloseTimeout: '60 seconds', retry: { maximumAttempts: 3, initialInterval: '2 seconds' } });

/**
 * Keeps what a resident sent (an image, a file …) for staff: fetched and sealed by an activity. Never
 * throws: a failed fetch is logged (no content) and the consultation goes on to its reply.
 */
export async function keepResidentMedia(event: ResidentEvent, ids: { consultationId: string; residentId: string }): Promise<void> {
  if (event.kind !== 'media' || !event.messageId || !FETCHED_MEDIA_TYPES.includes(event.mediaType)) return;
  try {
    await media.fetchResidentMedia({ ...ids, eventId: event.eventId, lineMessageId: event.messageId });
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err;
    log.warn('resident media could not be fetched; the consultation goes on', { mediaType: event.mediaType });
  }
}

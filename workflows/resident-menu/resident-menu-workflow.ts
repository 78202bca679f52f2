import { ActivityFailure, proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { ResidentMenuInput, RichMenuLinkOutcome } from './messages';

// Retried with backoff while LINE is unreachable or busy, for up to an hour: a menu in the wrong
// language is an inconvenience, never a reason to keep trying for ever.
const line = proxyActivities<Activities>({
  startToCloseTimeout: '20 seconds',
  scheduleToCloseTimeout: '1 hour',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

/**
 * Gives a resident's chat the rich menu of their language (`resident-menu-<residentId>`), started by the
 * inbox relay when the language it remembers changes. Apart from the consultation on purpose: a link
 * LINE refuses or that times out must never hold up or end a consultation. Never fails either.
 */
export async function residentMenuWorkflow(input: ResidentMenuInput): Promise<RichMenuLinkOutcome | 'gave-up'> {
  try {
    return await line.linkResidentRichMenu(input);
  } catch (err) {
    if (err instanceof ActivityFailure) return 'gave-up';
    throw err;
  }
}

import type { CatalogueTexts } from './conversation-settings';
import { fill, formatOpening } from './language';
import { text, TextMessage } from './line-messages';

/** What the resident is told at each step of reaching a person: immediate and honest, in their language. */
export const humanHelpTexts = (t: CatalogueTexts, language: string) => ({
  queued: (): TextMessage => text(t.queued),
  alreadyRequested: (): TextMessage => text(t.alreadyRequested),
  reserved: (openingMs: number): TextMessage => text(fill(t.reserved, { opening: formatOpening(openingMs, language) })),
  opened: (): TextMessage => text(t.opened),
  joined: (staffName: string): TextMessage => text(fill(t.joined, { staffName })),
  transferred: (staffName: string): TextMessage => text(fill(t.transferred, { staffName })),
  released: (): TextMessage => text(t.released),
  closedByStaff: (): TextMessage => text(t.closedByStaff),
  aiHere: (): TextMessage => text(t.aiHere),
});

export type HumanHelpTexts = ReturnType<typeof humanHelpTexts>;

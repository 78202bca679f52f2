import type { jaWorkbench, jaWorkbenchResources } from './ja-workbench';

/** English labels of the workbench screens; same keys as ja-workbench.ts. */
export const enWorkbenchResources: typeof jaWorkbenchResources = {
  'canned-replies': {
    name: 'Canned replies',
    fields: { title: 'Title', language: 'Language', text: 'Text', updatedAt: 'Updated', q: 'Search' },
  },
  'case-referrals': {
    name: 'Referrals',
    fields: { residentCode: 'Resident', partnerName: 'Partner', partnerId: 'Partner', status: 'Status', reason: 'Reason', createdAt: 'Created', contactDueAt: 'First contact due', overdue: 'Overdue only' },
  },
};

export const enWorkbench: typeof jaWorkbench = {
  cannedReplies: {
    insert: 'Canned reply',
    suggestions: 'Matching canned replies',
    noMatch: 'No canned reply matches',
    placeholderHelp: 'Placeholders: {residentCode} (resident code), {nextOpening} (next opening)',
  },
  search: {
    residentCode: 'Resident code',
    text: 'Message text',
    textHelp: 'Searches only cases you may read (logged)',
    staff: 'Staff',
    partner: 'Referred to',
  },
};

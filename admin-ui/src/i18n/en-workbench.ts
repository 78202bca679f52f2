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
  'follow-ups': {
    name: 'Today',
    fields: { dueOn: 'Due', residentCode: 'Resident', title: 'Task', createdByName: 'Set by' },
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
  followUps: {
    title: 'Follow-ups',
    none: 'No follow-ups',
    newTitle: 'New follow-up',
    example: 'e.g. ask how they are in 3 days',
    dueOn: 'Due',
    in1: 'Tomorrow',
    in3: 'In 3 days',
    in7: 'In a week',
    add: 'Add follow-up',
    added: 'Follow-up added',
    complete: 'Done',
    completeNamed: 'Mark “%{title}” done',
    completed: 'Follow-up done',
    completedBy: 'Done by %{name}',
    due: 'Due %{day}',
    overdue: 'Overdue (%{day})',
    badge: 'Today: %{smart_count} follow-up |||| Today: %{smart_count} follow-ups',
  },
};

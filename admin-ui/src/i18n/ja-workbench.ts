/** Japanese labels of the workbench screens: canned replies, referrals, tasks, activity. Merged into ja.ts. */
export const jaWorkbenchResources = {
  'canned-replies': {
    name: '定型文',
    fields: { title: '題名', language: '言語', text: '本文', updatedAt: '更新日時', q: '検索' },
  },
};

export const jaWorkbench = {
  cannedReplies: {
    insert: '定型文',
    suggestions: '定型文の候補',
    noMatch: '一致する定型文はありません',
    placeholderHelp: '差し込み: {residentCode}（相談者コード）、{nextOpening}（次の受付開始）',
  },
};

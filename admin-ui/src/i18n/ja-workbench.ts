/** Japanese labels of the workbench screens: canned replies, referrals, tasks, activity. Merged into ja.ts. */
export const jaWorkbenchResources = {
  'canned-replies': {
    name: '定型文',
    fields: { title: '題名', language: '言語', text: '本文', updatedAt: '更新日時', q: '検索' },
  },
  'case-referrals': {
    name: '紹介一覧',
    fields: { residentCode: '相談者', partnerName: '紹介先', partnerId: '紹介先', status: '状態', reason: '紹介の理由', createdAt: '作成', contactDueAt: '初回連絡期限', overdue: '期限超過のみ' },
  },
  'follow-ups': {
    name: '今日の予定',
    fields: { dueOn: '期日', residentCode: '相談者', title: '予定', createdByName: '登録した人' },
  },
};

export const jaWorkbench = {
  cannedReplies: {
    insert: '定型文',
    suggestions: '定型文の候補',
    noMatch: '一致する定型文はありません',
    placeholderHelp: '差し込み: {residentCode}（相談者コード）、{nextOpening}（次の受付開始）',
  },
  search: {
    residentCode: '相談者コード',
    text: 'メッセージ本文',
    textHelp: '閲覧できる相談だけを検索します（記録されます）',
    staff: 'スタッフ',
    partner: '紹介先',
  },
  followUps: {
    title: '予定',
    none: '予定はありません',
    newTitle: '新しい予定',
    example: '例: 3日後に様子を聞く',
    dueOn: '期日',
    in1: '明日',
    in3: '3日後',
    in7: '1週間後',
    add: '予定を追加',
    added: '予定を追加しました',
    complete: '完了',
    completeNamed: '「%{title}」を完了',
    completed: '予定を完了しました',
    completedBy: '%{name}さんが完了',
    due: '期日 %{day}',
    overdue: '期日超過（%{day}）',
    badge: '今日の予定 %{smart_count}件',
  },
};

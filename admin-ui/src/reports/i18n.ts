/** Messages of the reports page, spread into i18n/ja.ts and i18n/en.ts under `reports` (and the menu label under `resources.reports`). */
export const jaReportResource = { name: '利用状況報告' };
export const enReportResource = { name: 'Reports' };

export const jaReports = {
  title: '利用状況報告',
  periodLine: '集計期間：%{from} 〜 %{to}（日本時間）',
  fiscalYearLine: '%{era}（%{western}）',
  generatedLine: '%{municipality}・作成日時 %{at}（日本時間）',
  print: '印刷',
  loading: '集計しています',
  error: '報告を読み込めませんでした。',
  period: {
    from: '開始日',
    to: '終了日',
    presets: '期間の選択',
    thisMonth: '今月',
    lastMonth: '先月',
    thisFiscalYear: '今年度',
    invalid: '開始日と終了日を、開始日が先になるように入れてください。',
  },
  download: { csv: 'CSV（Excel用）', xlsx: 'Excel' },
  charts: {
    monthly: '月別の相談件数と相談者',
    monthlyLabel: '月別の相談件数と相談者の棒グラフ（数値は下の「月別の利用状況」の表）',
    consultations: '相談件数',
    consulters: '相談者（人）',
    share: 'AIとスタッフの対応の割合',
    shareLabel: '月別のAIとスタッフの対応率（数値は下の「AIとスタッフの対応」の表）',
    staff: 'スタッフ',
    hourly: '時間帯別の受信メッセージ',
    hourlyLabel: '時間帯別の受信メッセージの棒グラフ（数値は下の「時間帯別の受信」の表）',
    messagesIn: '受信メッセージ',
    businessHours: 'スタッフの対応時間',
  },
};

export const enReports: typeof jaReports = {
  title: 'Usage report',
  periodLine: 'Period: %{from} to %{to} (Japan time)',
  fiscalYearLine: 'Fiscal year: %{western} (%{era})',
  generatedLine: '%{municipality}, generated %{at} (Japan time)',
  print: 'Print',
  loading: 'Computing the report',
  error: 'The report could not be loaded.',
  period: {
    from: 'From',
    to: 'To',
    presets: 'Period',
    thisMonth: 'This month',
    lastMonth: 'Last month',
    thisFiscalYear: 'This fiscal year',
    invalid: 'Enter a start date on or before the end date.',
  },
  download: { csv: 'CSV (for Excel)', xlsx: 'Excel' },
  charts: {
    monthly: 'Consultations and residents by month',
    monthlyLabel: 'Bar chart of consultations and residents by month (numbers in the monthly table below)',
    consultations: 'Consultations',
    consulters: 'Residents who consulted',
    share: 'Replies by the AI and by staff',
    shareLabel: 'AI and staff shares of the replies by month (numbers in the table below)',
    staff: 'Staff',
    hourly: 'Messages received by hour of day',
    hourlyLabel: 'Bar chart of messages received by hour (numbers in the hour-of-day table below)',
    messagesIn: 'Messages received',
    businessHours: 'Staff hours',
  },
};

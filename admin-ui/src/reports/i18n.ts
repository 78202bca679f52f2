/** Messages of the reports page, spread into i18n/ja.ts and i18n/en.ts under `reports` (and the menu label under `resources.reports`). */
export const jaReportResource = { name: '利用状況報告' };

/**
 * A table's words in the admin app's language, by table id (api/reports/report-model.ts); each one
 * left out is shown as the server wrote it (in Japanese, the same words as the CSV and Excel files).
 */
export type ReportTableMessages = {
  title?: string;
  rowHeader?: string;
  note?: string;
  /** Column key → header. */
  columns?: Record<string, string>;
  /** Row key → label (rows that are not months or the total). */
  rows?: Record<string, string>;
};
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
  /** A month's row and the total row of any table. */
  tableRows: { month: '%{year}年%{month}月', total: '合計' },
  /** A change in a scale's points, as the server writes it (「-1.5点」). */
  tableCells: { points: '%{value}点' },
  /** In Japanese the server's words are shown as they are. */
  tables: {} as Record<string, ReportTableMessages>,
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
  tableRows: { month: '%{year}-%{mm}', total: 'Total' },
  tableCells: { points: '%{value} pts' },
  tables: {
    satisfaction: {
      title: 'Was it good to talk? (question at the close)',
      rowHeader: 'Month',
      columns: {
        asked: 'Consultations asked',
        answered: 'Answered',
        unanswered: 'No answer or skipped',
        s5: 'Very good',
        s4: 'Good',
        s3: 'Neither',
        s2: 'Not very good',
        s1: 'Not good',
        goodShare: 'Share “good”',
      },
      note: 'Answers to “Was it good to talk with us?” in five steps, asked at the end of a consultation and counted in the month asked. Answering is optional; no answers and skips are counted too. Free-text comments are not part of the report. The “good” share is the share of answers that were “Good” or “Very good”.',
    },
    checkIns: {
      title: 'Check-ins afterwards (caring messages)',
      rowHeader: 'Month',
      columns: { sent: 'Sent', answered: 'Replied', unanswered: 'No reply', person: 'Connected to a person', ai: 'Talked with the AI' },
      note: 'Short messages sent, with their consent, to residents who had not written for a while (counted in the month sent). A reply is a tap on “Talk to staff” or “Talk to the AI”; connected to a person is a tap on “Talk to staff”.',
    },
    outcomeScales: {
      title: 'Change in loneliness and psychological distress (UCLA-3, K6)',
      rowHeader: 'Scale',
      columns: { intake: 'Answers at intake', followUp: 'Answers at follow-up', pairs: 'Residents with both', meanChange: 'Mean change' },
      rows: { ucla3: 'UCLA-3 loneliness', k6: 'K6 psychological distress' },
      note: 'Optional short questionnaires, asked at first registration and, with consent, at a follow-up 2–4 weeks later; complete answers are counted on the day answered. UCLA-3: loneliness, 3–9 points, higher is lonelier. K6: psychological distress, 0–24 points, 13 or more is serious distress. The change is the mean of “follow-up − intake” among residents who answered a follow-up in the period and also answered at intake; a negative value is an improvement. Values from too few residents are not shown.',
    },
  },
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

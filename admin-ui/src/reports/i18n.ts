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
  /** A number with a unit as the server writes it (「-1.5点」「15,000円」「40.0分」「3.2時間」), by column kind. */
  tableCells: { points: '%{value}点', yen: '%{value}円', minutes: '%{value}分', hours: '%{value}時間' },
  /** In Japanese the server's words are shown as they are. */
  tables: {} as Record<string, ReportTableMessages>,
  /** Key figure id → card label; in Japanese the server's words. */
  figures: {} as Record<string, string>,
  /**
   * The lines under the charts, by the order the server writes them in (LEGEND_LINES and NOTE_LINES in
   * ReportsPage.tsx); in Japanese the server's words.
   */
  legend: {} as Record<string, string>,
  notes: {} as Record<string, string>,
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
  fiscalYearLine: 'Fiscal year %{years} (%{era})',
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
  tableCells: { points: '%{value} pts', yen: '¥%{value}', minutes: '%{value} min', hours: '%{value} h' },
  tables: {
    monthly: {
      title: 'Use by month',
      rowHeader: 'Month',
      columns: {
        follows: 'Friends added',
        unfollows: 'Blocks',
        consulters: 'Residents who consulted',
        consultations: 'Consultations',
        messagesIn: 'Messages received',
        messagesOut: 'Messages sent',
      },
      note: 'Friends added and blocks are LINE friend additions and blocks (a re-add after a block counts once). Residents who consulted are the people who sent at least one text message in the period; the total is the number of different people in the whole period (not the sum of the months). Consultations count in the month they started. Received are the texts, stickers, images and so on that residents sent (not button taps); sent are the messages delivered to LINE.',
    },
    replies: {
      title: 'Replies by the AI and by staff',
      rowHeader: 'Month',
      columns: {
        ai: 'AI replies',
        fallback: 'of which fixed replies',
        staff: 'Staff replies',
        replies: 'All replies',
        aiShare: 'AI share',
        staffShare: 'Staff share',
      },
      note: 'Replies to residents sent by the AI and by professional staff. Fixed replies are the set answers used when the AI is unavailable (counted with the AI). Automatic guidance and procedure messages are not included.',
    },
    consultationSplit: {
      title: 'Consultations by the AI and by staff',
      rowHeader: 'Month',
      columns: {
        aiOnly: 'Handled by the AI alone',
        reached: 'Handled by staff',
        consultations: 'Consultations',
        aiOnlyShare: 'Generative AI',
        staffShare: 'Staff',
      },
      note: 'For each consultation, whether the AI alone answered or professional staff replied at least once (counted in the month it started). The published shares of “generative AI” and “staff” are counted this way; the shares by number of replies are in the table “Replies by the AI and by staff”.',
    },
    humanHelp: {
      title: 'Help from a person',
      rowHeader: 'Month',
      columns: {
        requested: 'Asked for a person',
        reached: 'Connected to a person',
        waitMeasured: 'First response measured',
        waitMedian: 'To first response, median (business minutes)',
        waitMean: 'To first response, mean (business minutes)',
      },
      note: 'Consultations in which the resident asked to talk with a person, and those in which staff replied (counted in the month the consultation started). The time to the first response counts only business-hour minutes from the request to the first staff reply (nights and holidays are not counted).',
    },
    afterHours: {
      title: 'Requests outside staff hours',
      rowHeader: 'Month',
      columns: {
        requests: 'Requests outside hours',
        answered: 'Answered',
        unanswered: 'Not answered',
        withinHour: 'Answered within an hour of opening',
        minutesMedian: 'To the reply, median (business minutes)',
        hoursMedian: 'To the reply, median (elapsed hours)',
      },
      note: 'Consultations in which a person was asked for outside staff hours (bookings included), and the replies that followed. Within an hour means a reply within 60 business minutes counted from the next opening.',
    },
    risk: {
      title: 'Consultations by risk level',
      rowHeader: 'Month',
      columns: {
        none: 'None',
        low: 'Low',
        medium: 'Medium',
        high: 'High',
        imminent: 'Imminent',
        total: 'Consultations',
      },
      note: 'For each consultation, the highest risk level assessed in it (counted in the month it started).',
    },
    alerts: {
      title: 'Crisis alerts',
      rowHeader: 'Month',
      columns: {
        alerts: 'Alerts',
        acknowledged: 'Acknowledged',
        unacknowledged: 'Not acknowledged',
        escalated: 'Escalated',
        ackMedian: 'To acknowledgement, median (minutes)',
        ackMean: 'To acknowledgement, mean (minutes)',
      },
      note: 'Notices sent to staff and the person on duty when a high risk was assessed. The time to acknowledgement is in elapsed minutes (the service runs around the clock).',
    },
    nudges: {
      title: 'Suggestions to talk with a person',
      rowHeader: 'Occasion',
      columns: {
        offered: 'Suggested',
        accepted: 'Accepted (talk now)',
        declined: 'Declined',
        reserved: 'Booked',
        acceptance: 'Share accepted',
      },
      rows: {
        turn: 'A long conversation',
        risk: 'Rising distress',
        topic: 'A topic with a support service',
        'silence-check-in': 'A check-in after a while',
        unknown: 'Unknown',
      },
      note: 'How often the AI suggested talking with professional staff, and the answers (an answer counts for the occasion of the suggestion just before it).',
    },
    referrals: {
      title: 'Referrals (by partner and outcome)',
      rowHeader: 'Partner',
      columns: {
        awaiting_consent: 'Awaiting consent',
        consent_declined: 'Consent refused',
        collecting: 'Awaiting details',
        cancelled: 'Withdrawn by staff',
        sent: 'Sent',
        acknowledged: 'Received',
        accepted: 'Accepted',
        declined: 'Declined',
        contacted: 'Contacted',
        closed: 'Closed',
        withdrawn: 'Consent withdrawn',
        total: 'All referrals',
        made: 'Connected to a support organisation',
      },
      note: 'Referrals to support organisations made in the period, by partner and by their current status (counted on the day made; the status is as of now). Awaiting consent and awaiting details wait for the resident; consent refused and withdrawn by staff were never sent; consent withdrawn means the resident withdrew consent after sending. Connected to a support organisation counts the referrals sent to the organisation (sent, received, accepted, declined, contacted, closed, consent withdrawn).',
    },
    consents: {
      title: 'Consent',
      rowHeader: 'Month',
      columns: {
        agreed: 'Agreed',
        declined: 'Did not agree',
        withdrawn: 'Withdrew consent',
      },
      note: 'Consent to sharing details for a referral. Agreeing, not agreeing and withdrawing each count in the month they happened (the month of agreeing and of withdrawing can differ).',
    },
    'intake-eligibility': {
      title: 'Residents by relation to the city',
      rowHeader: 'Relation to the city',
      columns: { residents: 'Residents', share: 'Share' },
      note: 'Answers to the first questionnaire by the residents who consulted in the period.',
    },
    'intake-age-band': {
      title: 'Residents by age',
      rowHeader: 'Age',
      columns: { residents: 'Residents', share: 'Share' },
      note: 'Answers to the first questionnaire by the residents who consulted in the period.',
    },
    'intake-topic': {
      title: 'Residents by topic',
      rowHeader: 'Topic',
      columns: { residents: 'Residents', share: 'Share' },
      note: 'Answers to the first questionnaire by the residents who consulted in the period.',
    },
    hours: {
      title: 'Messages received by hour',
      rowHeader: 'Hour',
      columns: { messages: 'Messages received', share: 'Share' },
      rows: Object.fromEntries(Array.from({ length: 24 }, (_, h) => [String(h), `${String(h).padStart(2, '0')}:00–`])),
      note: 'The time (Japan time) a message from a resident arrived.',
    },
    weekdays: {
      title: 'Messages received by weekday',
      rowHeader: 'Weekday',
      columns: { messages: 'Messages received', share: 'Share' },
      rows: {
        1: 'Monday',
        2: 'Tuesday',
        3: 'Wednesday',
        4: 'Thursday',
        5: 'Friday',
        6: 'Saturday',
        7: 'Sunday',
      },
      note: 'The weekday (Japan time) a message from a resident arrived.',
    },
    businessHours: {
      title: 'Messages received in and outside staff hours',
      rowHeader: 'Month',
      columns: {
        inHours: 'In staff hours',
        outHours: 'Outside staff hours',
        messagesIn: 'Messages received',
        outShare: 'Share outside hours',
      },
      note: 'Messages that arrived in and outside staff hours (%{open}–%{close}, except weekends, public holidays and closing days). Outside staff hours only the AI can answer.',
    },
    cost: {
      title: 'Estimated cost',
      rowHeader: 'Month',
      columns: {
        byReply: 'Sent as replies (free)',
        byPush: 'Sent as pushes (counted)',
        messagesOut: 'All messages sent',
        messageCost: 'Estimated message cost (yen)',
        promptTokens: 'AI tokens (input)',
        completionTokens: 'AI tokens (output)',
        aiModel: 'Replies by the AI',
        staffHours: 'Equivalent staff time (hours)',
        staffCost: 'Equivalent staff cost (yen)',
      },
      note: 'LINE reply messages are free; push messages count against the plan. The message cost is the monthly estimate on the “%{plan}” plan (%{monthlyFee} yen a month, %{included} messages included, %{extra} yen per extra message; a month only partly in the period is charged the full fee). The equivalent staff cost is replies by the AI × %{minutesPerReply} minutes × %{hourlyCost} yen an hour: what staff answering the same number would cost. The AI’s price is not shown because the profile has no price per token; only the token counts are given.',
    },
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
      columns: {
        sent: 'Sent',
        answered: 'Replied',
        unanswered: 'No reply',
        person: 'Connected to a person',
        ai: 'Talked with the AI',
      },
      note: 'Short messages sent, with their consent, to residents who had not written for a while (counted in the month sent). A reply is a tap on “Talk to staff” or “Talk to the AI”; connected to a person is a tap on “Talk to staff”.',
    },
    outcomeScales: {
      title: 'Change in loneliness and psychological distress (UCLA-3, K6)',
      rowHeader: 'Scale',
      columns: {
        intake: 'Answers at intake',
        followUp: 'Answers at follow-up',
        pairs: 'Residents with both',
        meanChange: 'Mean change',
      },
      rows: { ucla3: 'UCLA-3 loneliness', k6: 'K6 psychological distress' },
      note: 'Optional short questionnaires, asked at first registration and, with consent, at a follow-up 2–4 weeks later; complete answers are counted on the day answered. UCLA-3: loneliness, 3–9 points, higher is lonelier. K6: psychological distress, 0–24 points, 13 or more is serious distress. The change is the mean of “follow-up − intake” among residents who answered a follow-up in the period and also answered at intake; a negative value is an improvement. Values from too few residents are not shown.',
    },
  },
  figures: {
    follows: 'Friends added',
    consulters: 'Residents who consulted',
    consultations: 'Consultations',
    messagesIn: 'Messages received',
    aiConsultationShare: 'Generative AI (consultations)',
    staffConsultationShare: 'Staff (consultations)',
    referralsMade: 'Connected to a support organisation',
    aiShare: 'AI share (replies)',
    staffShare: 'Staff share (replies)',
    reached: 'Consultations connected to a person',
    waitMedian: 'To first response (business minutes, median)',
    outShare: 'Share received outside staff hours',
    alerts: 'Crisis alerts',
    messageCost: 'Estimated message cost',
    staffCost: 'Equivalent staff cost of the AI’s replies',
  },
  legend: {
    small: '“<%{threshold}”: fewer than %{threshold}, not shown (so that no one can be identified).',
    secondary: '“X”: also not shown, so that a “<%{threshold}” value cannot be worked out from the total.',
    notShown: '“－”: none, or fewer than %{threshold} cases to base it on, so not shown.',
    totals: 'Totals are the true totals, including the values not shown.',
  },
  notes: {
    period: 'Period: %{from} to %{to} (Japan time). Months are calendar months in Japan time.',
    aggregateOnly: 'This report holds aggregate figures only: nothing of what was said and nothing that identifies a person.',
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

/** Strings of the pinned crisis alerts and their sound and desktop notification. */
export const jaAlerts = {
  pinned: {
    title: '確認されていない危機アラートがあります',
    line: '相談者 %{code}・%{at}',
    open: '相談を開く',
    acknowledge: '確認済みにする',
    acknowledged: '通知を確認済みにしました',
  },
  signals: {
    label: 'アラート音・通知',
    help: 'オンの間、危機アラートが届くと音が鳴り、デスクトップ通知が出ます（この端末に保存されます）',
    enableDesktop: 'デスクトップ通知を許可',
    desktopBlocked: 'このブラウザではデスクトップ通知がブロックされています。音だけでお知らせします。',
  },
  notification: {
    title: '危機アラート：%{level}',
    body: '相談者 %{code} の対応が必要です',
  },
};

export const enAlerts: typeof jaAlerts = {
  pinned: {
    title: 'Crisis alerts not yet acknowledged',
    line: 'Resident %{code} · %{at}',
    open: 'Open case',
    acknowledge: 'Acknowledge',
    acknowledged: 'Alert acknowledged',
  },
  signals: {
    label: 'Alert sound & notifications',
    help: 'While on, a crisis alert plays a sound and shows a desktop notification (saved on this device)',
    enableDesktop: 'Allow desktop notifications',
    desktopBlocked: 'This browser blocks desktop notifications. Alerts will only play a sound.',
  },
  notification: {
    title: 'Crisis alert: %{level}',
    body: 'Resident %{code} needs a person now',
  },
};

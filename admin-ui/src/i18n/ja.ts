import japaneseMessages from '@bicstone/ra-language-japanese';
import type { TranslationMessages } from 'react-admin';
import { jaCaseResources, jaCases } from './ja-cases';
import { jaWorkbench, jaWorkbenchResources } from './ja-workbench';
import { jaAlerts } from '../alerts/i18n';
import { jaHandover } from '../handover/i18n';
import { jaReportResource, jaReports } from '../reports/i18n';
import { jaPartnerResource, jaPartners } from '../partners/i18n';

export const ja: TranslationMessages = {
  ...japaneseMessages,
  ra: {
    ...japaneseMessages.ra,
    // Staff sign in with their email address.
    auth: { ...japaneseMessages.ra.auth, username: 'メールアドレス' },
  },
  resources: {
    reports: jaReportResource,
    'staff-activity': { name: '対応実績（スタッフ別）' },
    partners: jaPartnerResource,
    ...jaCaseResources,
    ...jaWorkbenchResources,
    'staff-users': {
      name: 'スタッフ',
      fields: {
        email: 'メールアドレス',
        displayName: '表示名',
        role: '役割',
        partnerId: '連携団体ID',
        disabled: '無効にする',
        status: '状態',
        lockedUntil: 'ロック解除予定',
        lastLoginAt: '最終ログイン',
        createdAt: '登録日時',
        password: '初期パスワード',
        q: '検索',
      },
    },
    'audit-log': {
      name: '操作履歴',
      fields: {
        at: '日時',
        actorEmail: '操作した人',
        actorId: '操作した人のID',
        action: '操作',
        targetType: '対象の種類',
        targetId: '対象のID',
        details: '詳細',
      },
    },
  },
  reports: jaReports,
  alerts: jaAlerts,
  handover: jaHandover,
  workbench: jaWorkbench,
  yorisoi: {
    ...jaCases,
    partners: jaPartners,
    serviceName: 'よりそい 相談ダッシュボード',
    staffActivity: {
      title: '対応実績（スタッフ別）',
      explain: '期間中に開始した相談で、スタッフごとの対応件数、最初の返信までの時間（営業時間内の分、中央値）、確認したアラートの数です。%{threshold}未満の件数は「<%{threshold}」、そこから逆算できる数は「X」、%{threshold}件未満の中央値は「－」と表示します。',
      staff: 'スタッフ',
      casesHandled: '対応した相談',
      firstReplyMedianMinutes: '最初の返信まで（分・中央値）',
      alertsAcknowledged: '確認したアラート',
      none: 'この期間に対応したスタッフはいません。',
    },
    devMails: {
      title: '送信メール（開発用）',
      explain: '開発環境では、メールはSMTPで送らずここに保存されます（当番連絡・リマインダー・連携団体への通知）。本番環境にはこの画面はありません。',
      off: '開発用のメール受信（DEV_MAIL_CATCHER）は無効です。',
      none: 'まだメールはありません。',
      meta: '宛先: %{to}・差出人: %{from}',
    },
    roles: {
      admin: '管理者',
      supervisor: 'スーパーバイザー',
      staff: '相談員',
      partner: '連携団体',
      official: '市職員',
    },
    dashboard: {
      greeting: '%{name}さん、おつかれさまです。',
      role: 'あなたの役割：%{role}',
      comingSoon: 'この役割で使う画面は準備中です。公開まで、しばらくお待ちください。',
    },
    notAvailable: {
      title: 'このページは表示できません',
      body: 'ページが見つからないか、表示する権限がありません。左のメニューから選んでください。',
    },
    account: {
      title: 'アカウント',
      code: '確認コード',
      codeExplain: '認証アプリに表示されている6桁のコード、またはリカバリーコードを入力してください。',
      confirm: '確認',
      continue: '控えたので続ける',
      enrolTitle: '2段階認証の設定',
      enrolExplain: 'この役割では、パスワードに加えて認証アプリの確認コードが必要です。認証アプリ（Google Authenticator など）に次のキーを登録し、表示された6桁のコードを入力してください。',
      secretKey: 'キー',
      openInApp: 'この端末の認証アプリで開く',
      recoveryTitle: 'リカバリーコード',
      recoveryExplain: '端末をなくしたときに、確認コードの代わりに1回ずつ使えます。安全な場所に控えてください。この画面は二度と表示されません。',
      changePassword: 'パスワードを変更',
      currentPassword: 'いまのパスワード',
      newPassword: '新しいパスワード',
      passwordChanged: 'パスワードを変更しました。ほかの端末はログアウトされました。',
    },
    auth: {
      invalid_credentials: 'メールアドレスまたはパスワード（または確認コード）が正しくありません。失敗が続くと、しばらくログインできなくなります。',
      account_locked: 'ログインの失敗が続いたため、しばらくロックされています。時間をおいてお試しください。',
      session_expired: 'ログインの有効期限が切れました。もう一度ログインしてください。',
    },
    errors: {
      forbidden: '権限がありません',
      csrf_mismatch: '画面を再読み込みしてから、もう一度お試しください。',
      network: 'サーバーに接続できませんでした。通信状況を確認してください。',
      check_field: 'この項目を確認してください',
    },
    status: { active: '有効', disabled: '無効', locked: 'ロック中' },
    staffUsers: {
      partnerIdHelp: '自治体設定に登録された連携団体のIDを入力します',
      passwordHelp: '12文字以上。本人に安全な方法で伝えてください',
      disabledHelp: '無効にすると、すぐにログアウトされます',
      auditTrail: '操作履歴を見る',
    },
    resetPassword: {
      button: 'パスワード再設定',
      title: '%{name}さんのパスワードを再設定',
      explain: '新しいパスワードを設定すると、この人はすべての端末でログアウトされ、ロックも解除されます。',
      newPassword: '新しいパスワード',
      submit: '再設定する',
      done: 'パスワードを再設定しました',
    },
    audit: {
      actions: {
        auth: {
          login: 'ログイン',
          'login-failed': 'ログイン失敗',
          'login-locked': 'ロック中のログイン試行',
          locked: 'アカウントのロック',
          logout: 'ログアウト',
        },
        'staff-user': {
          create: 'スタッフの登録',
          update: 'スタッフの変更',
          'reset-password': 'パスワードの再設定',
        },
      },
    },
  },
};

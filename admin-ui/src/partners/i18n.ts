/** Messages of the partner directory, spread into i18n/ja.ts and i18n/en.ts (`resources.partners`, `yorisoi.partners`). */
export const jaPartnerResource = {
  name: '連携団体',
  fields: {
    id: '団体ID',
    name: '団体名',
    description: '説明',
    email: 'メールアドレス（紹介の通知先）',
    phone: '電話番号',
    url: 'ウェブサイト',
    active: '紹介を受け付ける',
    source: '登録元',
    services: 'サービス',
    locations: '拠点',
    'services.name': 'サービス名',
    'services.topics': '対応する話題',
    'locations.name': '拠点名',
    'locations.area': '対象地域',
    'locations.hours': '受付時間',
  },
};
export const enPartnerResource: typeof jaPartnerResource = {
  name: 'Partners',
  fields: {
    id: 'Partner ID',
    name: 'Name',
    description: 'Description',
    email: 'E-mail (referral notices)',
    phone: 'Phone',
    url: 'Website',
    active: 'Takes referrals',
    source: 'Source',
    services: 'Services',
    locations: 'Locations',
    'services.name': 'Service',
    'services.topics': 'Topics served',
    'locations.name': 'Location',
    'locations.area': 'Area',
    'locations.hours': 'Hours',
  },
};

export const jaPartners = {
  idHelp: '英小文字・数字・ハイフン（例: npo-ibasho）。あとから変えられません。',
  idFormat: '英小文字・数字・ハイフンで入力してください',
  activeHelp: 'オフにすると、新しい紹介の紹介先に出なくなります（これまでの紹介は残ります）。',
  topicsHelp: 'アンケートの「話したいこと」の値（loneliness, money など）。入力して Enter',
  source: { profile: '設定ファイル', admin: '画面で編集' },
};
export const enPartners: typeof jaPartners = {
  idHelp: 'Lower-case letters, digits and hyphens (e.g. npo-ibasho). Cannot be changed later.',
  idFormat: 'Use lower-case letters, digits and hyphens',
  activeHelp: 'When off, the partner is no longer offered for new referrals (earlier ones stay).',
  topicsHelp: 'Values of the intake topic question (loneliness, money, …). Type and press Enter',
  source: { profile: 'Profile file', admin: 'Edited here' },
};

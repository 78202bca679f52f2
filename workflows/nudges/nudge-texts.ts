/**
 * The offer's texts in Japanese: the profile's defaults (`texts.nudge…`, platform/config/profile.ts) and
 * what a run whose settings predate them falls back to. `{opening}` is when staff can answer.
 */
export const NUDGE_TEXTS_JA = {
  nudgeLeadInTurn: 'ここまでお話を聞かせてくださって、ありがとうございます。',
  nudgeLeadInRisk: 'つらい気持ちを話してくださって、ありがとうございます。',
  nudgeLeadInTopic: 'お話しくださったことについては、一緒に考えてくれる人や相談先もあります。',
  nudgeLeadInSilence: 'こんにちは、よりそいチャットです。その後、いかがお過ごしですか？',
  nudgeAsk: 'よかったら、よりそいスタッフ（専門の相談員）とお話ししてみませんか？',
  nudgeOpenNow: 'いまの時間は、スタッフがこのトークでお返事します。もちろん、このままAIとお話を続けても大丈夫です。',
  nudgeClosed:
    'いまはスタッフの対応時間外のため、スタッフがお返事できるのは{opening}からです。よかったら、その時間にスタッフからお返事できるよう予約しておくこともできます。それまでは、AIがいつでもお話を聴きます。',
  nudgeAccept: 'スタッフと話したい',
  nudgeDecline: 'AIと話を続ける',
  nudgeReserve: '{opening}に予約する',
  nudgeDeclined: 'わかりました。このままお話を聴かせてください。スタッフと話したくなったら、いつでもメニューの「よりそいスタッフに話しかける」から声をかけてくださいね。',
  nudgeReserved: '{opening}にスタッフからお返事できるよう、予約しました。それまでも、AIがいつでもお話を聴きます。',
} as const;
export type NudgeTexts = Record<keyof typeof NUDGE_TEXTS_JA, string>;

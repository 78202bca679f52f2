import { formatOpeningJa } from '../calendar/business-calendar';
import { text, TextMessage } from './line-messages';

/** What the resident is told at each step of reaching a person: immediate and honest. */
export const humanHelpTexts = {
  queued: (): TextMessage => text('よりそいスタッフにおつなぎします。順番にご案内しますので、このまま少しお待ちください。お待ちのあいだも、AIがお話を聴きます。'),
  alreadyRequested: (): TextMessage => text('スタッフへのおつなぎを受け付けています。もう少しだけお待ちください。'),
  reserved: (openingMs: number): TextMessage =>
    text(`ただいまスタッフの対応時間外です。スタッフは${formatOpeningJa(openingMs)}からお返事できます。その時間になったら、順番の先頭でおつなぎします。それまでは、AIがいつでもお話を聴きます。`),
  opened: (): TextMessage => text('お待たせしました。スタッフの受付が始まりました。まもなく、よりそいスタッフからお返事します。'),
  joined: (staffName: string): TextMessage => text(`よりそいスタッフの${staffName}です。ここからは、わたしがお話をうかがいます。`),
  transferred: (staffName: string): TextMessage => text(`担当のスタッフが交代します。ここからは${staffName}がお話をうかがいます。`),
  released: (): TextMessage =>
    text('スタッフとのお話はここまでです。ここからはまたAIがお話を聴きます。スタッフと話したいときは、いつでもメニューの「よりそいスタッフに話しかける」から呼んでください。'),
  closedByStaff: (): TextMessage => text('ご相談ありがとうございました。またいつでも、ここに話しかけてください。'),
  aiHere: (): TextMessage => text('AIの聞き役です。どんなことでも、思いつくままに話してください。'),
};

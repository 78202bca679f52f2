/**
 * The rich menu's words in a catalogue (`texts` and `languages.<code>.texts`), beside the button labels
 * `menuStaff` … `menuLanguage` that every language already ships. The defaults are the Japanese menu's
 * words; in another language each key is optional and read in Japanese when missing, except the image
 * lines, which fall back to the language's own label (a Japanese picture under a Vietnamese label
 * would help no one). `npm run line:richmenu` draws and publishes one menu per language from them.
 */
export const RICH_MENU_TEXTS_JA = {
  /** The sixth button, which stops the caring check-ins (a LINE action label: ≤ 20 characters). */
  menuCheckIns: '見守りメッセージを止める',
  /** The text on the bar that opens and closes the menu (LINE: ≤ 14 characters). */
  menuChatBar: 'メニュー',
  // A short line under each label on the image.
  menuStaffCaption: '専門の相談員とお話しできます',
  menuAiCaption: '24時間いつでも聴きます',
  menuLinesCaption: '電話で相談できる窓口',
  menuLanguageCaption: 'ほかの言語でも話せます',
  menuCheckInsCaption: 'こちらからの連絡を止めます',
  menuTermsCaption: '安心してご利用いただくために',
  // Each label as drawn on the image, with a line break (\n) where it reads naturally.
  menuStaffImage: 'よりそいスタッフに\n話しかける',
  menuCheckInsImage: '見守りメッセージを\n止める',
} as const;

/** Keys that are LINE action labels (≤ 20 characters). */
export const RICH_MENU_LABEL_KEYS = ['menuCheckIns'] as const;
/** LINE's limit for `chatBarText`. */
export const CHAT_BAR_MAX = 14;
/** Image lines of the buttons whose label fits on one line in Japanese: optional everywhere. */
export const RICH_MENU_IMAGE_KEYS = ['menuStaffImage', 'menuAiImage', 'menuLinesImage', 'menuLanguageImage', 'menuCheckInsImage', 'menuTermsImage'] as const;

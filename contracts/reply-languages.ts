/** The languages a canned reply can be written in: those the queue recognises (api/queue/script-language.ts). */
export const REPLY_LANGUAGES = ['ja', 'en', 'zh', 'ko', 'th', 'vi', 'es', 'id'] as const;
export type ReplyLanguage = (typeof REPLY_LANGUAGES)[number];

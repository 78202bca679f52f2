/** As answered by /api/canned-replies (api/canned-replies/canned-reply-routes.ts). */
export interface CannedReply {
  id: string;
  title: string;
  text: string;
  language: string;
  updatedAt: string;
}

/** The languages a reply can be written in, as the API accepts them. */
export const REPLY_LANGUAGES = ['ja', 'en', 'zh', 'ko', 'th', 'vi', 'es', 'id'] as const;

/** As answered by /api/canned-replies (api/canned-replies/canned-reply-routes.ts). */
export interface CannedReply {
  id: string;
  title: string;
  text: string;
  language: string;
  updatedAt: string;
}

export { REPLY_LANGUAGES } from '../../../contracts/reply-languages';

import { ADMIN_ONLY } from '../auth/roles';
import type { RouteSpec } from '../http/route';
import { listCaughtMails } from '../../platform/mail-catcher';

/**
 * 「送信メール（開発用）」: what the development mail catcher kept. With the catcher off (production, or an
 * SMTP server configured) the answer says so, and the admin app shows neither the page nor its menu item.
 */
export function devMailRoutes(deps: { dir: string | undefined }): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/api/dev-mails',
      access: ADMIN_ONLY,
      handler: async (_req, res) => {
        res.set('cache-control', 'no-store');
        res.json(deps.dir ? { enabled: true, data: await listCaughtMails(deps.dir) } : { enabled: false, data: [] });
      },
    },
  ];
}

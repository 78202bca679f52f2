import { ADMIN_ONLY } from '../auth/roles';
import type { RouteSpec } from '../http/route';
import { listCaughtMails } from '../../platform/mail-catcher';

/** 「送信メール（開発用）」: what the development mail catcher kept (mounted only when it is on). */
export function devMailRoutes(deps: { dir: string }): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/api/dev-mails',
      access: ADMIN_ONLY,
      handler: async (_req, res) => {
        res.set('cache-control', 'no-store');
        res.json({ data: await listCaughtMails(deps.dir) });
      },
    },
  ];
}

import type { LiveEventHub } from '../../platform/events';
import { STAFF_ROLES } from '../auth/roles';
import type { RouteSpec } from '../http/route';

/** A named event (not a comment) so the browser can tell a silent stream from a quiet one. */
export const PING_MS = 25_000;

/**
 * `GET /api/events`: server-sent events so the dashboard updates without reloading. Ids only, never
 * text. `resync` follows a lost and regained database listener: the browser then refetches everything.
 */
export function liveEventRoutes(deps: { hub?: LiveEventHub }): RouteSpec[] {
  return [
    {
      method: 'get',
      path: '/api/events',
      access: STAFF_ROLES,
      handler: (req, res) => {
        res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
        res.write(': connected\n\n');
        const unsubscribe = deps.hub?.subscribe((event) => {
          res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
        });
        const ping = setInterval(() => res.write('event: ping\ndata: {}\n\n'), PING_MS);
        req.on('close', () => {
          clearInterval(ping);
          unsubscribe?.();
        });
      },
    },
  ];
}

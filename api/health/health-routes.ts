import type { Client } from '@temporalio/client';
import type { Db } from '../../platform/db';
import type { LiveEventHub } from '../../platform/events';
import type { RouteSpec } from '../http/route';
import type { Metrics } from './metrics';

const withTimeout = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref())]);

/** The dashboard's live updates: without the LISTEN connection no screen updates by itself. */
function liveEventsCheck(hub: LiveEventHub | undefined): string {
  if (!hub) return 'ok';
  const state = hub.listenerState;
  return state.listening ? 'ok' : `unavailable: LISTEN connection down, reconnecting (${state.failedAttempts} failed attempts)`;
}

export function healthRoutes(deps: { db: Db; temporal: Client; metrics: Metrics; liveEvents?: LiveEventHub }): RouteSpec[] {
  return [
    { method: 'get', path: '/healthz', access: 'public', handler: (_req, res) => res.json({ status: 'ok' }) },
    {
      method: 'get',
      path: '/readyz',
      access: 'public',
      handler: async (_req, res) => {
        const check = async (fn: () => Promise<unknown>) => {
          try {
            await withTimeout(fn(), 2000);
            return 'ok';
          } catch {
            // The public answer says which part is down, never the driver's words (hosts, users, versions).
            return 'unavailable';
          }
        };
        const [postgres, temporal] = await Promise.all([
          check(() => deps.db.raw('select 1')),
          check(() => deps.temporal.workflowService.getSystemInfo({})),
        ]);
        const liveEvents = liveEventsCheck(deps.liveEvents);
        const ready = postgres === 'ok' && temporal === 'ok' && liveEvents === 'ok';
        res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', checks: { postgres, temporal, liveEvents } });
      },
    },
    {
      method: 'get',
      path: '/metrics',
      access: 'public',
      handler: async (_req, res) => {
        res.type(deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics());
      },
    },
  ];
}

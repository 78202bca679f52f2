import fs from 'node:fs';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { mailCatcherDir } from '../platform/mail-catcher';
import { devMailRoutes } from './dev-mails/dev-mail-routes';
import express, { Express, RequestHandler } from 'express';
import helmet from 'helmet';
import type { Env } from '../platform/config/env';
import type { MunicipalityProfile } from '../platform/config/profile';
import type { Db } from '../platform/db';
import type { Logger } from '../platform/logger';
import { auditLogRoutes } from './audit/audit-log-routes';
import { authRoutes } from './auth/auth-routes';
import { authorize } from './auth/authorize';
import { sessionCookie } from './auth/sessions';
import { consultationRoutes } from './consultations/consultation-routes';
import { liveEventRoutes } from './live/live-event-routes';
import { openAlertRoutes } from './alerts/open-alert-routes';
import { handoverRoutes } from './handover/handover-routes';
import type { LiveEventHub } from '../platform/events';
import { healthRoutes } from './health/health-routes';
import { InboxRelay } from './line-webhook/inbox-relay';
import { lineWebhookRoutes } from './line-webhook/line-webhook-routes';
import { lineProfileLanguageFrom } from './line-webhook/resident-language';
import { registerInboxMetrics } from './line-webhook/inbox-metrics';
import { createMetrics } from './health/metrics';
import { AppError, errorMiddleware, FailureCode } from './http/errors';
import type { RouteSpec } from './http/route';
import { reportRoutes } from './reports/report-routes';
import { simulatorRoutes } from './simulator/simulator-routes';
import { staffUserRoutes } from './staff-users/staff-user-routes';
import { systemCheckRoutes } from './system-checks/system-check-routes';
import { partnerRoutes } from './partners/partner-routes';
import { referralRoutes } from './referrals/referral-routes';
import { referralListRoutes } from './referrals/referral-list-routes';
import { caseWorkerRoutes } from './staff-users/case-worker-routes';
import { followUpRoutes } from './follow-ups/follow-up-routes';
import { cannedReplyRoutes } from './canned-replies/canned-reply-routes';
import { personalDetailRoutes } from './residents/personal-detail-routes';
import type { PiiKeyring } from '../platform/crypto/pii-cipher';
import { TextSealer } from '../platform/crypto/sealed-text';
import { EncryptionCodec } from '../platform/temporal/encryption-codec';
import { codecRoutes, temporalUiOrigins } from './temporal-codec/codec-routes';
import { createLlmClient } from '../platform/llm';
import { createTranslator } from './consultations/translation';

export interface AppDeps {
  db: Db;
  temporal: Client;
  env: Env;
  profile: MunicipalityProfile;
  logger: Logger;
  /** Keys for personal details (shown to partners and staff, decrypted on purpose only). */
  keyring: PiiKeyring;
  /** Relays database notifications to the dashboard's event streams (`GET /api/events`). */
  liveEvents?: LiveEventHub;
  /** Built admin app; served at /admin/ when present. */
  adminDistDir?: string;
  /** A pool of its own for the inbox relay, so it never takes the connections the webhook needs. */
  relayDb?: Db;
}

export const JSON_BODY_LIMIT = '100kb';
const SIMULATOR_PUBLIC_DIR = path.join(__dirname, 'simulator', 'public');

/** The simulator page asks for answers every 0.7 s; its successful polls are logged at debug only. */
const QUIET_POLL = '/simulator/api/messages';

/** Logs one line per request: method, route pattern, status, time. Never bodies or query strings. */
function requestLog(logger: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const line = { method: req.method, route: req.route?.path ?? req.path.split('?')[0], status: res.statusCode, ms: Math.round(ms) };
      if (line.route === QUIET_POLL && res.statusCode < 400) logger.debug(line, 'http');
      else logger.info(line, 'http');
    });
    next();
  };
}

export function createApp(deps: AppDeps): { app: Express; routes: RouteSpec[]; relay: InboxRelay } {
  const { db, env, logger } = deps;
  const sealer = new TextSealer(deps.keyring);
  const metrics = createMetrics();
  registerInboxMetrics(metrics.registry, db);
  // The LINE profile's language answers a new resident in it from their first message (asked once each).
  const relay = new InboxRelay({ db: deps.relayDb ?? db, sealer, temporal: deps.temporal, taskQueue: env.TEMPORAL_TASK_QUEUE, logger, lineProfileLanguage: lineProfileLanguageFrom(env) });
  // The resident simulator talks to a LINE stand-in, so it exists only outside production and only with one.
  const simulator = !env.isProduction && env.LINE_API_BASE_URL !== undefined;
  const devMailDir = mailCatcherDir(env);
  const routes: RouteSpec[] = [
    ...healthRoutes({ db, temporal: deps.temporal, metrics, liveEvents: deps.liveEvents }),
    ...lineWebhookRoutes({ db, sealer, channelSecret: env.LINE_CHANNEL_SECRET ?? '', botUserId: env.LINE_BOT_USER_ID, onStored: () => relay.kick() }),
    ...authRoutes({ db, env, profile: deps.profile, keyring: deps.keyring }),
    ...staffUserRoutes({ db, profile: deps.profile }),
    ...auditLogRoutes({ db }),
    ...reportRoutes({ db, profile: deps.profile }),
    ...consultationRoutes({ db, temporal: deps.temporal, profile: deps.profile, sealer, translator: createTranslator({ llm: createLlmClient(env), model: deps.profile.ai.model, logger }) }),
    ...partnerRoutes({ db, profile: deps.profile }),
    ...referralRoutes({ db, temporal: deps.temporal, profile: deps.profile, keyring: deps.keyring }),
    ...personalDetailRoutes({ db, temporal: deps.temporal, keyring: deps.keyring, profile: deps.profile }),
    ...liveEventRoutes({ hub: deps.liveEvents }),
    ...openAlertRoutes({ db }),
    ...handoverRoutes({ db, profile: deps.profile, sealer }),
    ...cannedReplyRoutes({ db, profile: deps.profile }),
    ...referralListRoutes({ db, profile: deps.profile, sealer }),
    ...caseWorkerRoutes({ db }),
    ...followUpRoutes({ db, profile: deps.profile }),
    ...codecRoutes({ db, codec: new EncryptionCodec(deps.keyring.cipher('temporal-payload')), namespace: env.TEMPORAL_NAMESPACE, origins: temporalUiOrigins(env) }),
    ...systemCheckRoutes({ db, temporal: deps.temporal, taskQueue: env.TEMPORAL_TASK_QUEUE }),
    ...(simulator ? simulatorRoutes({ env, profile: deps.profile }) : []),
    ...devMailRoutes({ dir: devMailDir }),
  ];

  const app = express();
  app.disable('x-powered-by');
  // Behind a reverse proxy on the same host or a container network, the client address comes from X-Forwarded-For.
  app.set('trust proxy', 'loopback, uniquelocal');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          'default-src': ["'self'"],
          // MUI (react-admin) injects its styles at run time.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:'],
        },
      },
    }),
  );
  app.use(metrics.middleware);
  app.use(requestLog(logger));

  const json = express.json({ limit: JSON_BODY_LIMIT });
  for (const route of routes) {
    app[route.method](route.path, ...(route.before ?? [json]), authorize(db, route, { cookie: sessionCookie(env), idleMinutes: env.SESSION_IDLE_MINUTES }), async (req, res, next) => {
      try {
        await route.handler(req, res);
      } catch (err) {
        next(err);
      }
    });
  }

  if (deps.adminDistDir && fs.existsSync(path.join(deps.adminDistDir, 'index.html'))) {
    const index = path.join(deps.adminDistDir, 'index.html');
    app.use('/admin', express.static(deps.adminDistDir, { index: false, maxAge: '1h' }));
    // Client-side routes (/admin/staff-users/…) all load the same page.
    app.get(/^\/admin(\/.*)?$/, (_req, res) => res.sendFile(index));
  }
  if (simulator) app.use('/simulator', express.static(SIMULATOR_PUBLIC_DIR, { maxAge: 0 }));
  app.get('/', (_req, res) => res.redirect('/admin/'));
  app.use('/api', (_req, _res, next) => next(new AppError(FailureCode.NotFound, 'API が見つかりません。')));
  app.use(errorMiddleware(logger));
  return { app, routes, relay };
}

import express, { type Request, type RequestHandler, type Response } from 'express';
import type { Payload, PayloadCodec } from '@temporalio/common';
import type { Env } from '../../platform/config/env';
import type { Db } from '../../platform/db';
import { recordAudit } from '../audit/audit-log';
import { OVERSIGHT } from '../auth/roles';
import { AppError, FailureCode } from '../http/errors';
import { signedInUser, type RouteSpec } from '../http/route';

/**
 * Temporal's remote codec protocol, so the Temporal Web UI (or `temporal workflow show
 * --codec-endpoint`) can show what the workflows carry: `POST …/decode` and `POST …/encode`, each
 * taking and answering `{ "payloads": [Payload as protobuf JSON] }` (metadata values and data in
 * base64), the namespace in `X-Namespace`.
 *
 * Who: supervisors and admins only. A payload may hold any resident's words and the codec cannot
 * tell which consultation it belongs to, so the per-case need-to-know of `staff` cannot be checked
 * here. The Web UI sends the staff session cookie when "Include cross-origin credentials" is on;
 * the second factor and the idle timeout apply as everywhere. Every decode is audited before
 * anything is decrypted, so no decrypted answer leaves without its audit entry.
 *
 * CSRF: the Web UI cannot know our CSRF token, so these writes go without it. Only a JSON body is
 * accepted, which a browser sends cross-origin only after a preflight, and the preflight (and any
 * request carrying an Origin) is answered only for the configured Web UI origins.
 */
export const CODEC_PATH = '/codec';

/** Histories hold many payloads per request; Temporal's own limit is 2 MB a payload. */
const CODEC_BODY_LIMIT = '4mb';

interface JsonPayload {
  metadata?: Record<string, string> | null;
  data?: string | null;
}

const base64 = /^[A-Za-z0-9+/_-]*={0,2}$/;

function fromJson(body: unknown): Payload[] {
  const payloads = (body as { payloads?: unknown } | undefined)?.payloads;
  if (!Array.isArray(payloads)) throw new AppError(FailureCode.BadInput, 'payloads がありません。');
  return payloads.map((p: JsonPayload) => {
    const metadata = p?.metadata ?? {};
    const data = p?.data ?? '';
    if (typeof metadata !== 'object' || typeof data !== 'string' || !base64.test(data) || Object.values(metadata).some((v) => typeof v !== 'string' || !base64.test(v))) {
      throw new AppError(FailureCode.BadInput, 'payload の形式が正しくありません。');
    }
    return {
      metadata: Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, new Uint8Array(Buffer.from(v as string, 'base64'))])),
      data: new Uint8Array(Buffer.from(data, 'base64')),
    };
  });
}

function toJson(payloads: Payload[]): { payloads: JsonPayload[] } {
  const b64 = (b: Uint8Array | null | undefined) => Buffer.from(b ?? new Uint8Array()).toString('base64');
  return { payloads: payloads.map((p) => ({ metadata: Object.fromEntries(Object.entries(p.metadata ?? {}).map(([k, v]) => [k, b64(v)])), data: b64(p.data) })) };
}

/**
 * CORS for the Web UI origins only, with credentials (the session cookie). A preflight from any
 * other origin gets no CORS headers, so the browser never sends the request; a request that names
 * another origin is refused before the session is even looked at.
 */
function codecCors(origins: readonly string[]): RequestHandler {
  return (req, res, next) => {
    const origin = req.get('origin');
    res.vary('Origin');
    if (origin && origins.includes(origin)) {
      res.set({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Credentials': 'true' });
      if (req.method === 'OPTIONS') {
        res.set({ 'Access-Control-Allow-Methods': 'POST', 'Access-Control-Allow-Headers': 'Content-Type, X-Namespace, Authorization', 'Access-Control-Max-Age': '600' });
      }
    } else if (origin && req.method !== 'OPTIONS') {
      return next(new AppError(FailureCode.Forbidden, 'この画面からは使えません。'));
    }
    next();
  };
}

/** The Web UI origins the codec answers: TEMPORAL_UI_ORIGINS, or outside production the dev server's UI. */
export function temporalUiOrigins(env: Pick<Env, 'TEMPORAL_UI_ORIGINS' | 'TEMPORAL_UI_PORT' | 'isProduction'>): string[] {
  if (env.TEMPORAL_UI_ORIGINS) return env.TEMPORAL_UI_ORIGINS.split(',').map((o) => o.trim());
  // The browser's Origin is whichever host name was typed, so both loopback spellings.
  return env.isProduction ? [] : [`http://127.0.0.1:${env.TEMPORAL_UI_PORT}`, `http://localhost:${env.TEMPORAL_UI_PORT}`];
}

export function codecRoutes(deps: { db: Db; codec: PayloadCodec; namespace: string; origins: readonly string[] }): RouteSpec[] {
  const cors = codecCors(deps.origins);
  const json = express.json({ limit: CODEC_BODY_LIMIT });
  // Parsed after the session is checked, so a caller without one cannot make us parse megabytes.
  const readPayloads = async (req: Request, res: Response): Promise<Payload[]> => {
    if (!req.is('application/json')) throw new AppError(FailureCode.BadInput, 'Content-Type は application/json にしてください。');
    await new Promise<void>((resolve, reject) => json(req, res, (err?: unknown) => (err ? reject(err) : resolve())));
    return fromJson(req.body);
  };
  // Our key is for our namespace only; payloads of another namespace go back as they came.
  const ours = (namespace: string | undefined) => namespace === undefined || namespace === deps.namespace;

  const preflight = (action: string): RouteSpec => ({
    method: 'options',
    path: `${CODEC_PATH}/${action}`,
    access: 'public',
    before: [cors],
    handler: (_req, res) => void res.status(204).end(),
  });
  return [
    preflight('decode'),
    preflight('encode'),
    {
      method: 'post',
      path: `${CODEC_PATH}/decode`,
      access: OVERSIGHT,
      csrf: false,
      before: [cors],
      handler: async (req, res) => {
        const payloads = await readPayloads(req, res);
        const namespace = req.get('x-namespace') || undefined;
        if (!ours(namespace)) return void res.json(toJson(payloads));
        // Ids and counts only: the audit entry says who looked, never what they saw.
        await recordAudit(deps.db, signedInUser(req), { action: 'temporal.payloads.decode', targetType: 'temporal_namespace', targetId: deps.namespace, details: { payloads: payloads.length } });
        let decoded: Payload[];
        try {
          decoded = await deps.codec.decode(payloads);
        } catch {
          // A foreign or damaged payload: say so without echoing it (or the cipher's message) anywhere.
          throw new AppError(FailureCode.BadInput, '復号できない payload が含まれています。');
        }
        res.set('Cache-Control', 'no-store').json(toJson(decoded));
      },
    },
    {
      method: 'post',
      path: `${CODEC_PATH}/encode`,
      access: OVERSIGHT,
      csrf: false,
      before: [cors],
      handler: async (req, res) => {
        const payloads = await readPayloads(req, res);
        if (!ours(req.get('x-namespace') || undefined)) return void res.json(toJson(payloads));
        res.set('Cache-Control', 'no-store').json(toJson(await deps.codec.encode(payloads)));
      },
    },
  ];
}

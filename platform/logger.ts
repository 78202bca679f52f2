import pino from 'pino';

/**
 * Structured logs. Message text and personal data never go in: log ids and counts only.
 * The redact list is a second line of defence for fields that should never be logged.
 */
export const REDACTED_FIELDS = [
  'text',
  'message.text',
  'event.message.text',
  'password',
  'passwordHash',
  'lineUserId',
  'line_user_id',
  'userId',
  'source.userId',
  'replyToken',
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-line-signature"]',
  'res.headers["set-cookie"]',
];

interface ErrorLike {
  name?: string;
  message?: string;
  stack?: string;
  code?: unknown;
  status?: unknown;
  severity?: unknown;
  routine?: unknown;
  constraint?: unknown;
  table?: unknown;
  cause?: unknown;
}

/** A PostgreSQL error (pg's DatabaseError): its message and detail may quote the values that failed. */
const isDatabaseError = (e: ErrorLike) => typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && (e.severity !== undefined || e.routine !== undefined);

/**
 * A short, content-free name for an error, for logs, `webhook_inbox.last_error` and metrics:
 * `pg:23505`, `line:429`, `temporal:14`, `ECONNREFUSED`, or the error's class name.
 */
export function errorCode(err: unknown): string {
  if (!err || typeof err !== 'object') return typeof err;
  const e = err as ErrorLike;
  if (isDatabaseError(e)) return `pg:${e.code}`;
  if (e.name === 'HTTPFetchError' && typeof e.status === 'number') return `line:${e.status}`;
  if (e.name === 'ServiceError' || e.name === 'WorkflowNotFoundError') {
    const grpc = (e.cause as { code?: unknown } | undefined)?.code;
    return typeof grpc === 'number' ? `temporal:${grpc}` : `temporal:${e.name}`;
  }
  if (typeof e.code === 'string' && /^[A-Z_0-9]+$/.test(e.code)) return e.code;
  const cause = e.cause && e.cause !== err ? errorCode(e.cause) : undefined;
  return cause && cause !== 'object' ? `${e.name ?? 'Error'}:${cause}` : (e.name ?? 'Error');
}

/**
 * Logs an error by its kind, never by what it carries: SQL, bindings, `detail`, response bodies and
 * a database error's message (which quotes the failing values) are dropped; other messages are cut
 * short and the stack keeps only its frames.
 */
export function safeError(err: unknown): unknown {
  if (!err || typeof err !== 'object') return { type: typeof err };
  const e = err as ErrorLike;
  const frames = typeof e.stack === 'string' ? e.stack.split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 8).join('\n') : undefined;
  const out: Record<string, unknown> = { type: e.name ?? 'Error', code: errorCode(err) };
  if (isDatabaseError(e)) {
    if (typeof e.constraint === 'string') out.constraint = e.constraint;
    if (typeof e.table === 'string') out.table = e.table;
  } else if (typeof e.message === 'string' && e.name !== 'HTTPFetchError') {
    out.message = e.message.slice(0, 200);
  }
  if (frames) out.stack = frames;
  if (e.cause && e.cause !== err) out.cause = safeError(e.cause);
  return out;
}

/** The options every logger is built with (tests collecting log lines use them too). */
export function loggerOptions(level: string, name = 'yorisoi'): pino.LoggerOptions {
  return {
    name,
    level,
    redact: { paths: REDACTED_FIELDS, censor: '[redacted]' },
    serializers: { err: safeError, error: safeError, failure: safeError },
  };
}

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', name = 'yorisoi'): pino.Logger {
  return pino(loggerOptions(level, name));
}

export type Logger = pino.Logger;

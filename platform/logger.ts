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

export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', name = 'yorisoi'): pino.Logger {
  return pino({ name, level, redact: { paths: REDACTED_FIELDS, censor: '[redacted]' } });
}

export type Logger = pino.Logger;

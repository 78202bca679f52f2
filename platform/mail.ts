import crypto from 'node:crypto';
import nodemailer, { Transporter } from 'nodemailer';
import { catchingTransport } from './mail-catcher';

export type Mailer = Transporter;

const senderDomains = new WeakMap<Mailer, string>();

/**
 * An SMTP transport from SMTP_URL (smtp://user:pass@host:port, smtps:// for TLS) sending as MAIL_FROM;
 * without SMTP_URL, the development mail catcher when `catcherDir` is given (platform/mail-catcher.ts),
 * else none.
 */
export function createMailer(smtpUrl: string | undefined, from: string, catcherDir?: string): Mailer | undefined {
  if (!smtpUrl && !catcherDir) return undefined;
  const mailer = (smtpUrl ? nodemailer.createTransport(smtpUrl, { from }) : nodemailer.createTransport(catchingTransport(catcherDir as string), { from })) as Mailer;
  senderDomains.set(mailer, /@([^>\s]+)>?\s*$/.exec(from)?.[1] ?? 'yorisoi.invalid');
  return mailer;
}

/**
 * The idempotency marker of a mail: a Message-ID and an `X-Yorisoi-Idempotency-Key` header derived
 * from what the mail is about (`key`), the same on every retry. An activity retried after a crash
 * sends a mail the receiving server and mail clients recognise as the one already delivered.
 */
export function idempotencyMarker(mailer: Mailer, key: string): { messageId: string; headers: Record<string, string> } {
  const id = crypto.createHash('sha256').update(key).digest('hex').slice(0, 32);
  return { messageId: `<${id}@${senderDomains.get(mailer) ?? 'yorisoi.invalid'}>`, headers: { 'X-Yorisoi-Idempotency-Key': id } };
}

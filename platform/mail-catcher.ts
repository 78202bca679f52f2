import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Transport } from 'nodemailer';
import type MailMessage from 'nodemailer/lib/mailer/mail-message';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { Env } from './config/env';

/**
 * The development mail catcher: with `DEV_MAIL_CATCHER=on` (never in production) the mailer hands each
 * mail to this transport instead of SMTP, which keeps it as a JSON file under DATA_DIR/mail-catcher/,
 * where the API reads it for admins (「送信メール（開発用）」). The worker and the API share DATA_DIR.
 *
 * A file per Message-ID: a mail sent again by a retried activity (same idempotency marker) replaces
 * its earlier copy, as a mail client would show it once.
 */
export interface CaughtMail {
  id: string;
  at: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  messageId: string;
}

const KEEP = 200;

export const mailCatcherDir = (env: Pick<Env, 'DEV_MAIL_CATCHER' | 'dataDir'>): string | undefined =>
  env.DEV_MAIL_CATCHER === 'on' ? path.join(env.dataDir, 'mail-catcher') : undefined;

export function catchingTransport(dir: string): Transport<SMTPTransport.SentMessageInfo> {
  return {
    name: 'yorisoi-dev-mail-catcher',
    version: '1',
    send(mail: MailMessage, callback) {
      const envelope = mail.message.getEnvelope();
      const messageId = mail.message.messageId();
      const id = crypto.createHash('sha256').update(messageId).digest('hex').slice(0, 16);
      const caught: CaughtMail = {
        id,
        at: new Date().toISOString(),
        from: envelope.from || '',
        to: envelope.to,
        subject: String(mail.data.subject ?? ''),
        text: typeof mail.data.text === 'string' ? mail.data.text : '',
        messageId,
      };
      fs.promises
        .mkdir(dir, { recursive: true })
        .then(() => fs.promises.writeFile(path.join(dir, `${id}.json`), JSON.stringify(caught, null, 2)))
        .then(() => callback(null, { envelope, messageId, accepted: envelope.to, rejected: [], pending: [], response: '250 caught' } as unknown as SMTPTransport.SentMessageInfo))
        .catch((err: Error) => callback(err, undefined as never));
    },
  };
}

/** The caught mails, newest first; the oldest beyond the last KEEP are deleted. */
export async function listCaughtMails(dir: string): Promise<CaughtMail[]> {
  const names = await fs.promises.readdir(dir).catch(() => [] as string[]);
  const mails: CaughtMail[] = [];
  for (const name of names.filter((n) => n.endsWith('.json'))) {
    try {
      mails.push(JSON.parse(await fs.promises.readFile(path.join(dir, name), 'utf8')) as CaughtMail);
    } catch {
      // being written or not ours: skip it
    }
  }
  mails.sort((a, b) => b.at.localeCompare(a.at));
  for (const old of mails.splice(KEEP)) await fs.promises.rm(path.join(dir, `${old.id}.json`), { force: true });
  return mails;
}

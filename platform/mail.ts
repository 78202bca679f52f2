import nodemailer, { Transporter } from 'nodemailer';

export type Mailer = Transporter;

/** An SMTP transport from SMTP_URL (smtp://user:pass@host:port, smtps:// for TLS); none when unset. */
export function createMailer(smtpUrl: string | undefined): Mailer | undefined {
  return smtpUrl ? nodemailer.createTransport(smtpUrl) : undefined;
}

export const MAIL_FROM = process.env.MAIL_FROM ?? 'yorisoi@localhost';

import nodemailer, { Transporter } from 'nodemailer';

export type Mailer = Transporter;

/**
 * An SMTP transport from SMTP_URL (smtp://user:pass@host:port, smtps:// for TLS) sending as MAIL_FROM;
 * none when SMTP_URL is unset.
 */
export function createMailer(smtpUrl: string | undefined, from: string): Mailer | undefined {
  return smtpUrl ? nodemailer.createTransport(smtpUrl, { from }) : undefined;
}

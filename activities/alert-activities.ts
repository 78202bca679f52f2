import type { MunicipalityProfile } from '../platform/config/profile';
import type { Db } from '../platform/db';
import { publish } from '../platform/events';
import type { Logger } from '../platform/logger';
import { idempotencyMarker, type Mailer } from '../platform/mail';
import { RISK_CATEGORY_LABELS_JA, RISK_LEVEL_LABELS_JA, RiskCategory, RiskLevel } from '../workflows/safety/risk-levels';

export type AlertChannel = 'dashboard' | 'on-call';

export interface AlertInput {
  alertId: string;
  consultationId: string;
  kind: 'crisis' | 'unclaimed';
  level?: RiskLevel;
  categories?: RiskCategory[];
  channel: AlertChannel;
}

const jst = (d: Date) => new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'medium', timeStyle: 'short' }).format(d);

/**
 * Alerts carry the case code, level and a link — never message text or personal details, since mail
 * and webhooks leave the platform.
 */
export function createAlertActivities(deps: { db: Db; profile: MunicipalityProfile; mailer?: Mailer; publicBaseUrl?: string; logger: Logger }) {
  const { db, profile } = deps;

  async function describe(alertId: string) {
    const alert = await db('alerts as a').join('consultations as c', 'c.id', 'a.consultation_id').join('residents as r', 'r.id', 'c.resident_id').where('a.id', alertId).first('a.*', 'r.code as resident_code');
    const link = `${deps.publicBaseUrl ?? ''}/admin/#/consultations/${alert.consultation_id}/show`;
    const level = alert.level ? RISK_LEVEL_LABELS_JA[alert.level as RiskLevel] : '—';
    const categories = (alert.categories as RiskCategory[]).map((c) => RISK_CATEGORY_LABELS_JA[c]).join('・') || '—';
    const subject = alert.kind === 'crisis' ? `【よりそい】緊急対応が必要な相談があります（危険度: ${level}）` : '【よりそい】対応待ちの相談が引き受けられていません';
    const text = [
      subject.replace(/^【よりそい】/, ''),
      '',
      `相談者コード: ${alert.resident_code}`,
      `危険度: ${level}`,
      `分類: ${categories}`,
      `発生時刻: ${jst(new Date(alert.created_at))}`,
      `対応画面: ${link}`,
      '',
      'このメールには相談内容や個人情報は含まれていません。対応画面で確認してください。',
    ].join('\n');
    return { alert, subject, text, link };
  }

  /** Mail and/or webhook to the profile's on-call channel (and any extra recipients). */
  async function notify(alertId: string, purpose: 'on-call' | 'escalation' | 'supervisors', extraRecipients: string[] = [], options: { onCall: boolean } = { onCall: true }): Promise<void> {
    const { alert, subject, text, link } = await describe(alertId);
    const errors: string[] = [];
    let attempted = 0;
    const recipients = [options.onCall ? profile.escalation.onCall.email : undefined, ...extraRecipients].filter((x): x is string => Boolean(x));
    if (recipients.length > 0) {
      // Without SMTP there is nothing to retry: the alert stays on the dashboard with the reason recorded.
      if (!deps.mailer) errors.push('SMTP_URL is not set');
      else {
        attempted += 1;
        await deps.mailer.sendMail({ to: recipients, subject, text, ...idempotencyMarker(deps.mailer, `alert:${alertId}:${purpose}`) }).catch((err: Error) => errors.push(`mail: ${err.message}`));
      }
    }
    if (options.onCall && profile.escalation.onCall.webhookUrl) {
      attempted += 1;
      const body = { type: 'yorisoi.alert', alertId, kind: alert.kind, level: alert.level, residentCode: alert.resident_code, createdAt: new Date(alert.created_at).toISOString(), url: link };
      await fetch(profile.escalation.onCall.webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(5000) })
        .then((res) => (res.ok ? undefined : errors.push(`webhook: HTTP ${res.status}`)))
        .catch((err: Error) => errors.push(`webhook: ${err.message}`));
    }
    // Every channel we tried failing is worth a retry (Temporal backs off); a partial failure is recorded.
    const failedAttempts = errors.filter((e) => !e.startsWith('SMTP_URL')).length;
    if (attempted > 0 && failedAttempts >= attempted) throw new Error(`no on-call channel reached: ${errors.join('; ')}`);
    if (errors.length > 0) deps.logger.warn({ alertId, errors }, 'on-call alert not delivered on every channel');
    await db('alerts').where({ id: alertId }).update({ notified_at: db.fn.now(), delivery_error: errors.join('; ') || null });
  }

  return {
    /** Records the alert (the dashboard shows it at once) and, outside business hours, tells on-call. */
    async raiseAlert(input: AlertInput): Promise<void> {
      await db('alerts')
        .insert({ id: input.alertId, consultation_id: input.consultationId, kind: input.kind, level: input.level ?? null, categories: input.categories ?? [], channel: input.channel })
        .onConflict('id')
        .ignore();
      await publish(db, { type: 'alert', id: input.alertId, consultationId: input.consultationId, level: input.level ?? null }, { type: 'queue' });
      const row = await db('alerts').where({ id: input.alertId }).first('notified_at');
      if (input.channel === 'on-call' && !row.notified_at) await notify(input.alertId, 'on-call');
    },

    /** Called when the profile's minutes have passed: a supervisor hears of an alert nobody acknowledged. */
    async escalateAlert(input: { alertId: string }): Promise<'acknowledged' | 'escalated'> {
      const alert = await db('alerts').where({ id: input.alertId }).first();
      if (alert.acknowledged_at) return 'acknowledged';
      if (!alert.escalated_at) {
        const supervisors = await db('staff_users').where({ role: 'supervisor', disabled: false }).pluck('email');
        await db('alerts').where({ id: input.alertId }).update({ notified_at: null });
        await notify(input.alertId, 'escalation', supervisors);
        await db('alerts').where({ id: input.alertId }).update({ escalated_at: db.fn.now() });
      }
      return 'escalated';
    },

    /** A case nobody picked up in time during business hours: supervisors hear of it (not on-call). */
    async alertSupervisors(input: { alertId: string }): Promise<void> {
      const supervisors = await db('staff_users').where({ role: 'supervisor', disabled: false }).pluck('email');
      const row = await db('alerts').where({ id: input.alertId }).first('notified_at');
      if (!row.notified_at && supervisors.length > 0) await notify(input.alertId, 'supervisors', supervisors, { onCall: false });
    },
  };
}

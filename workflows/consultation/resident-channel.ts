import { ActivityFailure, allHandlersFinished, condition, log, patched, uuid4 } from '@temporalio/workflow';
import type { ListeningReply } from '../../activities/listening-activities';
import type { RiskAssessment } from '../../activities/risk-activities';
import { BusinessCalendar, isOpen } from '../calendar/business-calendar';
import { alerts, db, lineSends } from './activity-proxies';
import { fitInOneRequest, TextMessage } from './line-messages';
import type { ResidentEvent } from './messages';

/**
 * What a consultation says to its resident and to staff, carried out through activities: sends (with
 * their undelivered fallback), staff sends after the update returns, alerts, and work left in the
 * background, all awaited by `settle()` before a run ends.
 */
export type SendOptions = { reply?: ListeningReply; staffId?: string; sendKey?: string; crisis?: RiskAssessment };
type Sender = 'ai' | 'system' | 'staff';

const BACKGROUND_GRACE_MS = 60_000;

export interface ChannelContext {
  residentId: string;
  consultationId: string;
  calendar: BusinessCalendar;
  undeliveredAfterMs?: number;
  /** The latest resident event, whose reply token staff and status messages use while it is fresh. */
  lastEvent: () => ResidentEvent | undefined;
}

export type ResidentChannel = ReturnType<typeof residentChannel>;

export function residentChannel(ctx: ChannelContext) {
  const { residentId, consultationId } = ctx;
  const line = lineSends(ctx.undeliveredAfterMs);

  // Activities started in the background (on-call mail, escalations): awaited before the run ends.
  const background = new Set<Promise<unknown>>();
  const inBackground = (work: () => Promise<unknown>) => {
    const run = work()
      .catch((err) => log.warn('background activity gave up', { error: String(err) }))
      .finally(() => background.delete(run));
    background.add(run);
  };

  /** Recorded before any answer; mail leaves in the background. */
  const raiseAlert = async (kind: 'crisis' | 'review' | 'undelivered', risk: RiskAssessment) => {
    const alertId = uuid4();
    const open = isOpen(Date.now(), ctx.calendar);
    // During business hours staff see it on the dashboard; outside them the on-call channel hears of it.
    const channel = open || kind === 'review' ? 'dashboard' : 'on-call';
    await db().raiseAlert({ alertId, consultationId, kind, level: risk.level, categories: risk.categories, channel });
    if (channel === 'on-call') inBackground(() => alerts.notifyOnCall({ alertId }));
    return alertId;
  };

  const sendInput = (messages: TextMessage[], replyTo: ResidentEvent | undefined, sender: Sender, options: SendOptions & { sendKey: string }) => ({
    sendKey: options.sendKey,
    consultationId,
    residentId,
    messages: fitInOneRequest(messages),
    replyToken: replyTo && 'replyToken' in replyTo ? replyTo.replyToken : undefined,
    replyTokenIssuedAt: replyTo?.timestamp,
    sender,
    staffId: options.staffId,
    answeredBy: options.reply?.answeredBy,
    usage: options.reply && { promptTokens: options.reply.promptTokens, completionTokens: options.reply.completionTokens },
  });

  const send = async (messages: TextMessage[], replyTo: ResidentEvent | undefined, sender: Sender, options: SendOptions = {}): Promise<{ status: string }> => {
    const sendKey = options.sendKey ?? uuid4();
    try {
      return await line.sendToResident(sendInput(messages, replyTo, sender, { ...options, sendKey }));
    } catch (err) {
      if (!(err instanceof ActivityFailure)) throw err;
      // The consultation goes on; staff see the message marked failed, and crisis content alerts them.
      await db().markUndelivered({ sendKey, error: 'LINE did not accept the message before the profile’s undelivered minutes' });
      if (options.crisis) await raiseAlert('undelivered', options.crisis);
      return { status: 'failed' };
    }
  };

  // Staff actions return once their state change is recorded: what they say to the resident is
  // recorded as 送信中 (pending) first, then sent after the update has returned, one message at a
  // time in the order staff acted, so LINE retries never hold a staff member's request.
  let outbox: Promise<unknown> = Promise.resolve();
  const deliveries = new Set<Promise<unknown>>();
  const sendAfterAck = async (messages: TextMessage[], replyTo: ResidentEvent | undefined, sender: 'system' | 'staff', options: SendOptions = {}) => {
    const sendKey = options.sendKey ?? uuid4();
    await db().recordOutgoing(sendInput(messages, replyTo, sender, { ...options, sendKey }));
    const delivery = outbox
      .then(() => send(messages, replyTo, sender, { ...options, sendKey }))
      .catch((err) => log.error('a staff-side send failed', { error: String(err) }))
      .finally(() => deliveries.delete(delivery));
    deliveries.add(delivery);
    outbox = delivery;
  };
  /** A staff action's message: after the update returns (new runs), or within it (histories recorded before). */
  const staffSend = (messages: TextMessage[], sender: 'system' | 'staff', options: SendOptions = {}) =>
    patched('staff-send-after-ack') ? sendAfterAck(messages, ctx.lastEvent(), sender, options).then(() => ({ status: 'pending' })) : send(messages, ctx.lastEvent(), sender, options);

  /**
   * Waits for staff actions, and for background mail for a while: a mail server down for hours must not
   * keep a closing consultation from answering the resident's next message. Mail still unsent by then
   * is abandoned; the alert stays on the dashboard with notified_at empty.
   */
  const settle = async () => {
    await condition(allHandlersFinished);
    // Staff messages still being sent go out before the run ends (as when the update itself sent them).
    await condition(() => deliveries.size === 0);
    await condition(() => background.size === 0, BACKGROUND_GRACE_MS);
  };

  return { send, staffSend, raiseAlert, inBackground, settle };
}

import crypto from 'node:crypto';
import { POSTBACK } from '../../workflows/consultation/line-messages';
import type { LineStandIn, RecordedLineRequest } from '../../platform/line-stand-in/line-stand-in';

type Sent = { status: number; eventId: string; replyToken?: string };

/**
 * A resident on LINE, as the webhook sees them: each action posts a signed webhook event with a fresh
 * reply token minted by the Messaging API stand-in, and `nextAnswer` waits for what reaches them.
 */
export class PretendResident {
  readonly userId = 'U' + crypto.randomBytes(16).toString('hex');
  private seen = 0;

  constructor(
    private readonly stack: { baseUrl: string; line: LineStandIn; env: { LINE_CHANNEL_SECRET?: string } },
  ) {}

  async post(body: string, signature?: string): Promise<Response> {
    return fetch(`${this.stack.baseUrl}/webhooks/line`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-line-signature': signature ?? crypto.createHmac('sha256', this.stack.env.LINE_CHANNEL_SECRET!).update(body).digest('base64'),
      },
      body,
    });
  }

  event(type: string, extra: Record<string, unknown> = {}, options: { replyable?: boolean; timestamp?: number } = {}) {
    return {
      type,
      mode: 'active',
      timestamp: options.timestamp ?? Date.now(),
      webhookEventId: crypto.randomUUID().replace(/-/g, '').toUpperCase(),
      deliveryContext: { isRedelivery: false },
      source: { type: 'user', userId: this.userId },
      ...(options.replyable === false ? {} : { replyToken: this.stack.line.issueReplyToken(this.userId) }),
      ...extra,
    };
  }

  async send(event: ReturnType<PretendResident['event']>): Promise<Sent> {
    const res = await this.post(JSON.stringify({ destination: 'Uxxxxxxxx', events: [event] }));
    return { status: res.status, eventId: event.webhookEventId, replyToken: (event as { replyToken?: string }).replyToken };
  }

  follow = () => this.send(this.event('follow', { follow: { isUnblocked: false } }));
  unfollow = () => this.send(this.event('unfollow', {}, { replyable: false }));
  say = (text: string, options: { timestamp?: number } = {}) =>
    this.send(this.event('message', { message: { type: 'text', id: String(Date.now()), quoteToken: 'q', text } }, options));
  tap = (data: string, label = data) => this.send(this.event('postback', { postback: { data } }, {})).then((r) => ({ ...r, label }));
  sticker = () => this.send(this.event('message', { message: { type: 'sticker', id: '1', packageId: '446', stickerId: '1988', stickerResourceType: 'STATIC' } }));
  image = () => this.send(this.event('message', { message: { type: 'image', id: '2', contentProvider: { type: 'line' } } }));
  location = () => this.send(this.event('message', { message: { type: 'location', id: '3', title: '駅', address: '市内', latitude: 38.2, longitude: 140.3 } }));

  /** Befriends the account, agrees to the terms and answers every intake question with option `choice`. */
  async onboard(intake: { id: string; options: { value: string }[] }[], choice = 0): Promise<this> {
    await this.follow();
    await this.nextAnswer();
    await this.tap(POSTBACK.termsAgree);
    await this.nextAnswer();
    for (const q of intake) {
      await this.tap(POSTBACK.intake(q.id, q.options[choice].value));
      await this.nextAnswer();
    }
    return this;
  }

  /** Every reply or push that reached this resident, in order. */
  answers(): RecordedLineRequest[] {
    return this.stack.line.requests.filter((r) => r.ok && (this.isReplyToMe(r) || (r.endpoint === 'push' && (r.body as { to?: string }).to === this.userId)));
  }

  /** Waits for the next reply or push to this resident (after the ones already returned). */
  async nextAnswer(timeoutMs = 15_000): Promise<{ via: 'reply' | 'push'; texts: string[]; request: RecordedLineRequest }> {
    const index = this.seen;
    const request = await this.stack.line.waitFor(() => this.answers().length > index, timeoutMs);
    void request;
    const answer = this.answers()[index];
    this.seen = index + 1;
    const messages = (answer.body as { messages: { text?: string }[] }).messages;
    return { via: answer.endpoint === 'reply' ? 'reply' : 'push', texts: messages.map((m) => m.text ?? ''), request: answer };
  }

  private isReplyToMe(r: RecordedLineRequest): boolean {
    return r.endpoint === 'reply' && this.stack.line.replies().some((reply) => reply.request === r && reply.userId === this.userId);
  }
}

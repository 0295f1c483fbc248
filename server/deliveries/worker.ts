/**
 * The delivery worker: claims due deliveries from the queue, sends each (signed webhook, Teams,
 * Slack or email) and records how it went, retrying with backoff for about a day. Every
 * instance may run one; the queue's claim keeps them from sending the same delivery twice.
 */
import type { Store } from '../store/store';
import type {
  AttemptOutcome,
  ClaimedDelivery,
} from '../store/sql/delivery-queue';
import { parseAllowList, type AllowList } from './allow';
import { postJson, type Resolver, type SendResult } from './http';
import { renderBody } from './render';
import { retryAt, type EventPayload } from './rules';
import { signedHeaders, signingSecrets } from './signing';

/** Sends one email delivery's payload; throws if the mail server refused it. */
export type MailSender = (payload: unknown) => Promise<void>;

/** What the worker needs. */
export interface WorkerOptions {
  store: Store;
  /** The clock every decision reads. */
  now: () => Date;
  random?: () => number;
  /** Where people reach Snag, for links back to reports. */
  baseUrl: string;
  /** Allow-list entries from `SNAG_WEBHOOK_ALLOW`. */
  allowEnv?: readonly string[];
  resolve?: Resolver;
  timeoutMs?: number;
  maxBytes?: number;
  /** How long a claim lasts; a worker that dies loses its claims after this. */
  leaseMs?: number;
  batch?: number;
  /** How often to look for due deliveries when nothing wakes the worker. */
  pollMs?: number;
  mail?: MailSender | null;
  onError?: (error: unknown) => void;
}

/** Claims, sends and records deliveries. */
export class DeliveryWorker {
  private running = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;
  private unsubscribe: (() => void) | null = null;
  private digestsCheckedMs = -Infinity;

  constructor(private readonly options: WorkerOptions) {}

  private async allowList(): Promise<AllowList> {
    const fromAdmin = await this.options.store.webhooks.allowList();
    return parseAllowList([...(this.options.allowEnv ?? []), ...fromAdmin]);
  }

  /** One pass: claims a batch, sends it, records it. Answers how many were attempted. */
  async runOnce(): Promise<number> {
    const { store, now } = this.options;
    // Digests fall due by the day; looking once a minute is plenty.
    if (now().getTime() - this.digestsCheckedMs >= 60_000) {
      this.digestsCheckedMs = now().getTime();
      await store.webhooks.enqueueDueDigests(now());
    }
    const claimed = await store.deliveryQueue.claim(
      this.options.batch ?? 50,
      now().getTime(),
      this.options.leaseMs ?? 60_000,
    );
    if (claimed.length === 0) return 0;
    const allow = await this.allowList();
    await Promise.all(claimed.map((d) => this.deliver(d, allow)));
    return claimed.length;
  }

  private async deliver(d: ClaimedDelivery, allow: AllowList): Promise<void> {
    let outcome: AttemptOutcome;
    try {
      outcome =
        d.channel === 'email'
          ? await this.sendMail(d)
          : this.judge(d, await this.sendWebhook(d, allow));
    } catch (error) {
      outcome = this.retryOrFail(d, {
        status: null,
        latencyMs: null,
        response: null,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    await this.options.store.deliveryQueue
      .record(d.id, d.attempt, outcome, this.options.now().toISOString())
      .catch((error: unknown) => this.options.onError?.(error));
  }

  private async sendWebhook(
    d: ClaimedDelivery,
    allow: AllowList,
  ): Promise<SendResult> {
    if (!d.webhook)
      return { kind: 'refused', message: 'The subscription no longer exists' };
    const now = this.options.now();
    const payload = JSON.parse(d.payload) as EventPayload;
    const body = renderBody(d.webhook.kind, payload, this.options.baseUrl);
    const headers = signedHeaders(
      signingSecrets(d.webhook, now),
      d.id,
      now,
      body,
    );
    return postJson(d.webhook.url, body, headers, {
      allow,
      timeoutMs: this.options.timeoutMs ?? 10_000,
      maxBytes: this.options.maxBytes ?? 65_536,
      resolve: this.options.resolve,
    });
  }

  private async sendMail(d: ClaimedDelivery): Promise<AttemptOutcome> {
    const mail = this.options.mail;
    if (!mail)
      return this.retryOrFail(d, {
        status: null,
        latencyMs: null,
        response: null,
        error: 'No mail server is configured (SNAG_SMTP_URL)',
      });
    await mail(JSON.parse(d.payload));
    return { kind: 'delivered', status: 250, latencyMs: 0, response: '' };
  }

  /** What a webhook's answer means for the delivery. */
  private judge(d: ClaimedDelivery, result: SendResult): AttemptOutcome {
    if (result.kind === 'refused')
      return {
        kind: 'failed',
        status: null,
        latencyMs: null,
        response: null,
        error: result.message,
      };
    if (result.kind === 'failed')
      return this.retryOrFail(d, {
        status: null,
        latencyMs: result.latencyMs,
        response: null,
        error: result.message,
      });
    if (result.status >= 200 && result.status < 300)
      return {
        kind: 'delivered',
        status: result.status,
        latencyMs: result.latencyMs,
        response: result.body,
      };
    return this.retryOrFail(d, {
      status: result.status,
      latencyMs: result.latencyMs,
      response: result.body,
      error: `The receiver answered ${result.status}`,
    });
  }

  private retryOrFail(
    d: ClaimedDelivery,
    last: {
      status: number | null;
      latencyMs: number | null;
      response: string | null;
      error: string;
    },
  ): AttemptOutcome {
    const nowMs = this.options.now().getTime();
    const next = retryAt(
      d.createdMs,
      nowMs,
      d.attempt,
      this.options.random ?? Math.random,
    );
    if (next === null)
      return {
        kind: 'failed',
        ...last,
        error: `Gave up after ${d.attempt} attempts over 24 hours; the last: ${last.error}`,
      };
    return { kind: 'retry', nextMs: next, ...last };
  }

  /** Runs until {@link stop}: works while there is work, then waits for a change or a tick. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.unsubscribe = this.options.store.onEvent(() => this.wake?.());
    this.loop = this.run();
  }

  private async run(): Promise<void> {
    const pollMs = this.options.pollMs ?? 1000;
    while (this.running) {
      let worked = 0;
      try {
        worked = await this.runOnce();
      } catch (error) {
        this.options.onError?.(error);
      }
      if (worked > 0 || !this.running) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        this.wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.wake = null;
    }
  }

  /** Stops after the pass in progress. */
  async stop(): Promise<void> {
    this.running = false;
    this.unsubscribe?.();
    this.wake?.();
    await this.loop;
  }
}

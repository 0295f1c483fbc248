/**
 * Webhook subscriptions, the hosts Admin allows to receive, and each user's email settings.
 */
import type {
  NotificationSettings,
  WebhookPatch,
  WebhookSummary,
} from '../../../protocol/webhooks';
import type { SqlDriver } from '../driver';
import { insertDelivery } from './delivery-rows';
import { enqueueDueDigests } from './notifications';

/** A subscription to store. */
export interface NewSubscription {
  id: string;
  url: string;
  kind: WebhookSummary['kind'];
  events: string[];
  filters: WebhookSummary['filters'];
  includeText: boolean;
  description: string;
  secret: string;
  createdAt: string;
}

interface Row {
  id: string;
  url: string;
  kind: WebhookSummary['kind'];
  events: string;
  filters: string;
  include_text: number;
  description: string;
  paused: number;
  created_at: string;
  previous_until: string | null;
}

const COLUMNS =
  'id, url, kind, events, filters, include_text, description, paused, created_at, previous_until';

function summary(r: Row): WebhookSummary {
  return {
    id: r.id,
    url: r.url,
    kind: r.kind,
    events: JSON.parse(r.events) as WebhookSummary['events'],
    filters: JSON.parse(r.filters) as WebhookSummary['filters'],
    includeText: Boolean(Number(r.include_text)),
    description: r.description,
    paused: Boolean(Number(r.paused)),
    createdAt: r.created_at,
    previousSecretUntil: r.previous_until,
  };
}

/** Subscriptions and their settings. */
export class SqlWebhooks {
  constructor(private readonly driver: SqlDriver) {}

  async create(sub: NewSubscription): Promise<WebhookSummary> {
    await this.driver.run(
      `INSERT INTO webhooks (id, url, kind, events, filters, include_text, description, secret,
       paused, deleted, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?)`,
      [
        sub.id,
        sub.url,
        sub.kind,
        JSON.stringify(sub.events),
        JSON.stringify(sub.filters),
        sub.includeText ? 1 : 0,
        sub.description,
        sub.secret,
        sub.createdAt,
      ],
    );
    const created = await this.get(sub.id);
    if (!created) throw new Error('A new subscription could not be read back');
    return created;
  }

  async list(): Promise<WebhookSummary[]> {
    const rows = await this.driver.all<Row>(
      `SELECT ${COLUMNS} FROM webhooks ORDER BY created_at, id`,
    );
    return rows.map(summary);
  }

  async get(id: string): Promise<WebhookSummary | null> {
    const row = await this.driver.get<Row>(
      `SELECT ${COLUMNS} FROM webhooks WHERE id = ?`,
      [id],
    );
    return row ? summary(row) : null;
  }

  /** Applies a patch; null if there is no such subscription. */
  async update(
    id: string,
    patch: WebhookPatch,
  ): Promise<WebhookSummary | null> {
    const sets: string[] = [];
    const values: unknown[] = [];
    const set = (column: string, value: unknown) => {
      sets.push(`${column} = ?`);
      values.push(value);
    };
    if (patch.url !== undefined) set('url', patch.url);
    if (patch.events !== undefined) set('events', JSON.stringify(patch.events));
    if (patch.filters !== undefined)
      set('filters', JSON.stringify(patch.filters));
    if (patch.includeText !== undefined)
      set('include_text', patch.includeText ? 1 : 0);
    if (patch.description !== undefined) set('description', patch.description);
    if (patch.paused !== undefined) set('paused', patch.paused ? 1 : 0);
    if (sets.length > 0)
      await this.driver.run(
        `UPDATE webhooks SET ${sets.join(', ')} WHERE id = ?`,
        [...values, id],
      );
    return this.get(id);
  }

  /** Deletes a subscription and its delivery log; false if there was none. */
  remove(id: string): Promise<boolean> {
    return this.driver.transaction(async (tx) => {
      await tx.run('DELETE FROM deliveries WHERE webhook_id = ?', [id]);
      return (await tx.run('DELETE FROM webhooks WHERE id = ?', [id])) > 0;
    });
  }

  /** A new secret; the old one keeps signing until `previousUntil` (if given). */
  async rotate(
    id: string,
    secret: string,
    previousUntil: string | null,
  ): Promise<boolean> {
    const n = await this.driver.run(
      `UPDATE webhooks SET previous_secret = CASE WHEN CAST(? AS TEXT) IS NULL THEN NULL ELSE secret END,
       previous_until = ?, secret = ? WHERE id = ?`,
      [previousUntil, previousUntil, secret, id],
    );
    return n > 0;
  }

  /** Queues a test event to one subscription, paused or not. */
  async enqueueTest(id: string, nowMs: number): Promise<string | null> {
    if (!(await this.get(id))) return null;
    const at = new Date(nowMs).toISOString();
    return this.driver.transaction((tx) =>
      insertDelivery(tx, {
        channel: 'webhook',
        webhookId: id,
        event: 'webhook.test',
        payload: { type: 'webhook.test', at, reportId: null },
        nowMs,
        at,
      }),
    );
  }

  /** Queues the email digests due at `now`; answers how many. */
  enqueueDueDigests(now: Date): Promise<number> {
    return enqueueDueDigests(this.driver, now);
  }

  /** The allow-list set in Admin. */
  async allowList(): Promise<string[]> {
    const rows = await this.driver.all<{ entry: string }>(
      'SELECT entry FROM webhook_allow ORDER BY entry',
    );
    return rows.map((r) => r.entry);
  }

  async setAllowList(entries: string[]): Promise<void> {
    await this.driver.transaction(async (tx) => {
      await tx.run('DELETE FROM webhook_allow');
      for (const entry of new Set(entries))
        await tx.run('INSERT INTO webhook_allow (entry) VALUES (?)', [entry]);
    });
  }

  /** A user's email settings, or the defaults. */
  async settings(userId: string): Promise<NotificationSettings> {
    const row = await this.driver.get<{
      email: string | null;
      language: 'en' | 'cy';
      digest: NotificationSettings['digest'];
      you_said_we_did: number;
    }>(
      'SELECT email, language, digest, you_said_we_did FROM notification_settings WHERE user_id = ?',
      [userId],
    );
    return row
      ? {
          email: row.email,
          language: row.language,
          digest: row.digest,
          youSaidWeDid: Boolean(Number(row.you_said_we_did)),
        }
      : { email: null, language: 'en', digest: 'off', youSaidWeDid: false };
  }

  async setSettings(userId: string, s: NotificationSettings): Promise<void> {
    await this.driver.run(
      `INSERT INTO notification_settings (user_id, email, language, digest, you_said_we_did)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET email = excluded.email,
       language = excluded.language, digest = excluded.digest,
       you_said_we_did = excluded.you_said_we_did`,
      [userId, s.email, s.language, s.digest, s.youSaidWeDid ? 1 : 0],
    );
  }
}

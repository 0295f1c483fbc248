/**
 * The worker's side of the delivery queue. A claim marks due rows as being delivered, with a
 * lease: if the worker dies mid-delivery, the lease runs out and any instance claims the row
 * again. On PostgreSQL the claim skips rows another instance has locked, so two instances
 * never take the same delivery; SQLite has one writer anyway.
 */
import type { DeliverySummary } from '../../../protocol/webhooks';
import type { SqlDriver, SqlTransaction } from '../driver';
import { placeholders } from './rows';

/** A claimed delivery, with what the worker needs to send it. */
export interface ClaimedDelivery {
  id: string;
  channel: 'webhook' | 'email';
  webhookId: string | null;
  event: string;
  payload: string;
  /** This attempt's number, 1-based; recording an outcome names it. */
  attempt: number;
  createdMs: number;
  webhook: {
    url: string;
    kind: 'standard' | 'teams' | 'slack';
    secret: string;
    previousSecret: string | null;
    previousUntil: string | null;
  } | null;
}

/** How an attempt went. */
export type AttemptOutcome =
  | {
      kind: 'delivered';
      status: number;
      latencyMs: number;
      response: string;
    }
  | {
      kind: 'retry' | 'failed';
      /** When to try again (retry). */
      nextMs?: number;
      status: number | null;
      latencyMs: number | null;
      response: string | null;
      error: string;
    };

interface ClaimRow {
  id: string;
  channel: 'webhook' | 'email';
  webhook_id: string | null;
  event: string;
  payload: string;
  attempts: number;
  created_ms: number;
  url: string | null;
  kind: 'standard' | 'teams' | 'slack' | null;
  secret: string | null;
  previous_secret: string | null;
  previous_until: string | null;
}

interface LogRow {
  id: string;
  event: string;
  state: DeliverySummary['state'];
  attempts: number;
  created_at: string;
  delivered_at: string | null;
  next_at: number;
  last_status: number | null;
  last_latency_ms: number | null;
  last_response: string | null;
  last_error: string | null;
}

/** The delivery queue, as workers and the delivery log use it. */
export class SqlDeliveryQueue {
  constructor(private readonly driver: SqlDriver) {}

  /** Claims up to `limit` due deliveries for `leaseMs`. */
  claim(
    limit: number,
    nowMs: number,
    leaseMs: number,
  ): Promise<ClaimedDelivery[]> {
    return this.driver.transaction((tx) =>
      this.claimIn(tx, limit, nowMs, leaseMs),
    );
  }

  private async claimIn(
    tx: SqlTransaction,
    limit: number,
    nowMs: number,
    leaseMs: number,
  ): Promise<ClaimedDelivery[]> {
    const lock =
      this.driver.kind === 'postgres' ? 'FOR UPDATE OF d SKIP LOCKED' : '';
    const due = await tx.all<{ id: string }>(
      `SELECT d.id FROM deliveries d LEFT JOIN webhooks w ON w.id = d.webhook_id
       WHERE d.state IN ('pending', 'delivering') AND d.next_at <= ?
       AND (d.webhook_id IS NULL OR w.paused = 0)
       ORDER BY d.next_at LIMIT ? ${lock}`,
      [nowMs, limit],
    );
    if (due.length === 0) return [];
    const ids = due.map((r) => r.id);
    await tx.run(
      `UPDATE deliveries SET state = 'delivering', attempts = attempts + 1, next_at = ?,
       lease_until = ? WHERE id IN (${placeholders(ids.length)})`,
      [nowMs + leaseMs, nowMs + leaseMs, ...ids],
    );
    const rows = await tx.all<ClaimRow>(
      `SELECT d.id, d.channel, d.webhook_id, d.event, d.payload, d.attempts, d.created_ms,
       w.url, w.kind, w.secret, w.previous_secret, w.previous_until
       FROM deliveries d LEFT JOIN webhooks w ON w.id = d.webhook_id
       WHERE d.id IN (${placeholders(ids.length)}) ORDER BY d.next_at`,
      ids,
    );
    return rows.map((r) => ({
      id: r.id,
      channel: r.channel,
      webhookId: r.webhook_id,
      event: r.event,
      payload: r.payload,
      attempt: Number(r.attempts),
      createdMs: Number(r.created_ms),
      webhook:
        r.url && r.kind && r.secret
          ? {
              url: r.url,
              kind: r.kind,
              secret: r.secret,
              previousSecret: r.previous_secret,
              previousUntil: r.previous_until,
            }
          : null,
    }));
  }

  /**
   * Records how attempt `attempt` went; a worker whose lease was overtaken (the row was
   * claimed again since) records nothing. Answers whether it recorded.
   */
  async record(
    id: string,
    attempt: number,
    outcome: AttemptOutcome,
    at: string,
  ): Promise<boolean> {
    const guard = "WHERE id = ? AND attempts = ? AND state = 'delivering'";
    if (outcome.kind === 'delivered') {
      const n = await this.driver.run(
        `UPDATE deliveries SET state = 'delivered', delivered_at = ?, lease_until = NULL,
         last_status = ?, last_latency_ms = ?, last_response = ?, last_error = NULL ${guard}`,
        [at, outcome.status, outcome.latencyMs, outcome.response, id, attempt],
      );
      return n > 0;
    }
    const n = await this.driver.run(
      `UPDATE deliveries SET state = ?, next_at = ?, lease_until = NULL, last_status = ?,
       last_latency_ms = ?, last_response = ?, last_error = ? ${guard}`,
      [
        outcome.kind === 'retry' ? 'pending' : 'failed',
        outcome.nextMs ?? Date.parse(at),
        outcome.status,
        outcome.latencyMs,
        outcome.response,
        outcome.error,
        id,
        attempt,
      ],
    );
    return n > 0;
  }

  /** Puts a delivery back in the queue, due now, with a fresh 24 hours; same id. */
  async redeliver(
    webhookId: string,
    deliveryId: string,
    nowMs: number,
  ): Promise<boolean> {
    const n = await this.driver.run(
      `UPDATE deliveries SET state = 'pending', attempts = 0, next_at = ?, created_ms = ?,
       lease_until = NULL, delivered_at = NULL WHERE id = ? AND webhook_id = ?
       AND state <> 'delivering'`,
      [nowMs, nowMs, deliveryId, webhookId],
    );
    return n > 0;
  }

  /** The last 100 deliveries to a subscription, newest first. */
  async log(webhookId: string, limit = 100): Promise<DeliverySummary[]> {
    const rows = await this.driver.all<LogRow>(
      `SELECT id, event, state, attempts, created_at, delivered_at, next_at, last_status,
       last_latency_ms, last_response, last_error FROM deliveries WHERE webhook_id = ?
       ORDER BY created_ms DESC, id DESC LIMIT ?`,
      [webhookId, limit],
    );
    return rows.map((r) => ({
      id: r.id,
      event: r.event,
      state: r.state,
      attempts: Number(r.attempts),
      createdAt: r.created_at,
      deliveredAt: r.delivered_at,
      nextAttemptAt:
        r.state === 'pending'
          ? new Date(Number(r.next_at)).toISOString()
          : null,
      responseStatus: r.last_status,
      latencyMs: r.last_latency_ms,
      response: r.last_response,
      error: r.last_error,
    }));
  }

  /** How many deliveries are in each state (for health and benches). */
  async counts(): Promise<Record<string, number>> {
    const rows = await this.driver.all<{ state: string; n: number }>(
      'SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state',
    );
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }
}

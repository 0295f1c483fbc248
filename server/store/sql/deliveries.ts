/**
 * Enqueueing deliveries, inside the transaction of the change that causes them: a report
 * committed with its event always has its deliveries, and a rolled-back change has none.
 * Each subscription that wants the event gets its own row, with the payload it may see.
 */
import type { WebhookEvent } from '../../../protocol/webhooks';
import {
  payloadFor,
  wants,
  type EventPayload,
  type ReportFacts,
  type Subscription,
} from '../../deliveries/rules';
import type { ReportInput } from '../../../protocol/report';
import type { SqlExecutor, SqlTransaction } from '../driver';
import { insertDelivery } from './delivery-rows';
import { enqueueYouSaidWeDid } from './notifications';

/** Columns another change may add to mark a report as containing personal data. */
const PERSONAL_DATA_COLUMNS = [
  'personal_data',
  'contains_personal_data',
  'has_personal_data',
];

/** A change that may cause deliveries. */
export interface DeliveryCause {
  type: WebhookEvent;
  reportId: string;
  /** When it was committed (ISO 8601). */
  at: string;
  changes?: Record<string, [unknown, unknown]>;
  comment?: { id: string; body: string };
}

interface WebhookRow {
  id: string;
  kind: Subscription['kind'];
  events: string;
  filters: string;
  include_text: number | boolean;
}

/** The live (not paused) subscriptions. */
export async function subscriptions(db: SqlExecutor): Promise<Subscription[]> {
  const rows = await db.all<WebhookRow>(
    'SELECT id, kind, events, filters, include_text FROM webhooks WHERE paused = 0',
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    events: JSON.parse(r.events) as string[],
    filters: JSON.parse(r.filters) as Subscription['filters'],
    includeText: Boolean(r.include_text),
  }));
}

/** What deliveries may say about a report, read in the transaction that changed it. */
export async function reportFacts(
  db: SqlExecutor,
  id: string,
): Promise<ReportFacts | null> {
  const row = await db.get<Record<string, unknown>>(
    'SELECT * FROM reports WHERE id = ?',
    [id],
  );
  if (!row) return null;
  const body = JSON.parse(String(row.body)) as ReportInput;
  const flag = PERSONAL_DATA_COLUMNS.find((c) => c in row);
  return {
    id,
    title: body.page.title,
    kinds: body.problems.map((p) => p.kind),
    service: String(row.service),
    status: String(row.status),
    usabilitySeverity: (row.usability_severity as number | null) ?? null,
    securityRisk: (row.security_risk as number | null) ?? null,
    personalData: flag ? isFlagged(row[flag]) : false,
    text: [body.trying, body.whatHappened].join('\n\n'),
  };
}

/**
 * Enqueues `cause` for every subscription that wants it; call it inside the transaction that
 * makes the change. Answers how many deliveries it queued.
 */
export async function enqueueEvent(
  tx: SqlTransaction | SqlExecutor,
  cause: DeliveryCause,
): Promise<number> {
  const subs = await subscriptions(tx);
  if (subs.length === 0) return 0;
  const report = await reportFacts(tx, cause.reportId);
  const base: Omit<EventPayload, 'report'> = {
    type: cause.type,
    at: cause.at,
    reportId: cause.reportId,
    ...(cause.changes ? { changes: cause.changes } : {}),
    ...(cause.comment ? { comment: { id: cause.comment.id } } : {}),
  };
  const nowMs = Date.parse(cause.at);
  let queued = 0;
  for (const sub of subs) {
    if (!wants(sub, cause.type, report)) continue;
    await insertDelivery(tx, {
      channel: 'webhook',
      webhookId: sub.id,
      event: cause.type,
      payload: payloadFor(sub, base, report, cause.comment?.body),
      nowMs,
      at: cause.at,
    });
    queued++;
  }
  return queued;
}

/** The events a triage change causes: always `report.triaged`, and a status change too. */
export async function enqueueTriage(
  tx: SqlTransaction,
  reportId: string,
  changes: Record<string, [unknown, unknown]>,
  at: string,
): Promise<void> {
  await enqueueEvent(tx, { type: 'report.triaged', reportId, at, changes });
  if (changes.status)
    await enqueueEvent(tx, {
      type: 'report.status_changed',
      reportId,
      at,
      changes: { status: changes.status },
    });
  if (changes.status?.[1] === 'fixed')
    await enqueueYouSaidWeDid(tx, reportId, at);
}

/** Whether a report row's personal-data flag says the check found something not yet cleared. */
function isFlagged(value: unknown): boolean {
  if (value === 'flagged') return true;
  return typeof value === 'number' || typeof value === 'boolean'
    ? Boolean(value)
    : false;
}

/**
 * Enqueues `report.redacted`, which carries ids only, for every subscription that wants it.
 * The redaction code calls this inside its own transaction.
 */
export function enqueueRedacted(
  tx: SqlTransaction | SqlExecutor,
  reportId: string,
  at: string,
): Promise<number> {
  return enqueueEvent(tx, { type: 'report.redacted', reportId, at });
}

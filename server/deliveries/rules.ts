/**
 * The rules of delivery, free of I/O: which subscriptions hear about a report, what a payload
 * may carry, and when a failed delivery is tried again or given up.
 */
import type {
  WebhookEvent,
  WebhookFilters,
  WebhookKind,
} from '../../protocol/webhooks';

/** What the queue knows of a report when an event about it is committed. */
export interface ReportFacts {
  id: string;
  title: string;
  kinds: string[];
  service: string;
  status: string;
  usabilitySeverity: number | null;
  securityRisk: number | null;
  /** Flagged as containing personal data: its text is never sent anywhere. */
  personalData: boolean;
  /** What the reporter was trying to do and what happened. */
  text: string;
}

/** One event as it is kept in the queue for one subscription (or one email). */
export interface EventPayload {
  type: WebhookEvent | 'webhook.test';
  /** When the change was committed (ISO 8601). */
  at: string;
  reportId: string | null;
  report?: Omit<ReportFacts, 'personalData' | 'text'> & { text?: string };
  /** For `report.triaged` and `report.status_changed`: field → [before, after]. */
  changes?: Record<string, [unknown, unknown]>;
  comment?: { id: string; body?: string };
}

/** A subscription as the queue needs it. */
export interface Subscription {
  id: string;
  kind: WebhookKind;
  events: readonly string[];
  filters: WebhookFilters;
  includeText: boolean;
}

/** Whether a report passes a subscription's filters. */
export function passes(filters: WebhookFilters, report: ReportFacts): boolean {
  if (
    filters.kinds?.length &&
    !filters.kinds.some((k) => report.kinds.includes(k))
  )
    return false;
  if (filters.services?.length && !filters.services.includes(report.service))
    return false;
  if (
    filters.minSeverity !== undefined &&
    (report.usabilitySeverity ?? 0) < filters.minSeverity
  )
    return false;
  if (
    filters.minRisk !== undefined &&
    (report.securityRisk ?? 0) < filters.minRisk
  )
    return false;
  return true;
}

/**
 * The payload one subscription gets: ids, title, kinds, ratings (and a link, added when it is
 * sent). Report text only if the subscription asks for it and the report is not flagged as
 * personal data; `report.redacted` carries ids only.
 */
export function payloadFor(
  sub: Subscription,
  base: Omit<EventPayload, 'report'>,
  report: ReportFacts | null,
  commentBody?: string,
): EventPayload {
  if (base.type === 'report.redacted' || !report)
    return { type: base.type, at: base.at, reportId: base.reportId };
  const { personalData, text, ...facts } = report;
  const mayText = sub.includeText && !personalData;
  const payload: EventPayload = {
    ...base,
    report: mayText ? { ...facts, text } : facts,
  };
  if (base.comment)
    payload.comment =
      mayText && commentBody !== undefined
        ? { id: base.comment.id, body: commentBody }
        : { id: base.comment.id };
  return payload;
}

/** Whether a subscription wants this event about this report. */
export function wants(
  sub: Subscription,
  type: string,
  report: ReportFacts | null,
): boolean {
  if (!sub.events.includes(type)) return false;
  return report ? passes(sub.filters, report) : true;
}

/** How long a delivery keeps being retried before it is given up. */
export const GIVE_UP_AFTER_MS = 24 * 3_600_000;
const FIRST_RETRY_MS = 5_000;
const LONGEST_WAIT_MS = 3_600_000;

/**
 * When to try again after failed attempt number `attempt` (1-based): exponential from 5 s,
 * capped at an hour, with jitter over the upper half so instances do not retry in step.
 * Null once the next try would fall past {@link GIVE_UP_AFTER_MS} from the first enqueue.
 */
export function retryAt(
  createdMs: number,
  nowMs: number,
  attempt: number,
  random: () => number,
): number | null {
  const ceiling = Math.min(
    LONGEST_WAIT_MS,
    FIRST_RETRY_MS * 2 ** Math.min(attempt - 1, 30),
  );
  const wait = Math.round(ceiling * (0.5 + random() * 0.5));
  const at = nowMs + wait;
  return at - createdMs > GIVE_UP_AFTER_MS ? null : at;
}

/**
 * Retention (UK GDPR storage limitation): closed reports keep their screenshot and their
 * reporter's name only for `SNAG_RETENTION_DAYS` after closing. Pure: the clock is given.
 */
import type { Status } from '../../protocol/report';

/** Statuses that close a report; retention counts from the moment one was set. */
export const CLOSED_STATUSES: readonly Status[] = [
  'fixed',
  'wont-fix',
  'duplicate',
];

/** Whether `status` closes a report. */
export function isClosed(status: Status): boolean {
  return CLOSED_STATUSES.includes(status);
}

/** Reports closed at or before this instant are due: `days` before `now`. */
export function retentionCutoff(now: Date, days: number): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString();
}

/** A closed report that retention will (or did) act on. */
export interface RetentionItem {
  id: string;
  status: Status;
  closedAt: string;
  /** Whether it still has a screenshot to delete. */
  screenshot: boolean;
  /** Whether its reporter is still named. */
  named: boolean;
}

/** What a retention run did, or would do. */
export interface RetentionRun {
  cutoff: string;
  items: RetentionItem[];
  screenshotsDeleted: number;
  reportersAnonymised: number;
}

/** Counts what a run over `items` deletes and anonymises. */
export function summariseRun(
  cutoff: string,
  items: RetentionItem[],
): RetentionRun {
  return {
    cutoff,
    items,
    screenshotsDeleted: items.filter((i) => i.screenshot).length,
    reportersAnonymised: items.filter((i) => i.named).length,
  };
}

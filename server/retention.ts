/**
 * Running retention: once a day while the server runs (when `SNAG_RETENTION_DAYS` is set),
 * and on demand with `snag-server retention [--dry-run]`. Every run that acts is audited.
 */
import {
  retentionCutoff,
  summariseRun,
  type RetentionRun,
} from './domain/retention';
import type { Store } from './store/store';

/** How often the server runs retention. */
export const RETENTION_EVERY_MS = 24 * 3_600_000;

/** Runs retention (or, with `dryRun`, lists what it would do) at `now`. */
export async function runRetention(
  store: Store,
  days: number,
  now: Date,
  dryRun: boolean,
): Promise<RetentionRun> {
  const cutoff = retentionCutoff(now, days);
  const items = dryRun
    ? await store.retentionDue(cutoff)
    : await store.applyRetention(cutoff);
  const run = summariseRun(cutoff, items);
  if (!dryRun)
    await store.appendAudit({
      at: now.toISOString(),
      actor: null,
      action: 'retention',
      target: null,
      detail: {
        days,
        cutoff,
        reports: items.length,
        screenshotsDeleted: run.screenshotsDeleted,
        reportersAnonymised: run.reportersAnonymised,
      },
      address: null,
    });
  return run;
}

/**
 * Runs retention now and then every {@link RETENTION_EVERY_MS}; answers how to stop. A run
 * that fails is reported and tried again at the next tick.
 */
export function scheduleRetention(
  store: Store,
  days: number,
  now: () => Date,
  onError: (error: unknown) => void,
): () => void {
  const tick = () =>
    void runRetention(store, days, now(), false).catch(onError);
  tick();
  const timer = setInterval(tick, RETENTION_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** `snag-server retention [--dry-run]`: the lines it prints, for the run it made or would make. */
export function describeRun(run: RetentionRun, dryRun: boolean): string[] {
  const lines = run.items.map((item) =>
    [
      item.id,
      item.status.padEnd(9),
      `closed ${item.closedAt}`,
      item.screenshot ? 'screenshot' : '',
      item.named ? 'reporter' : '',
    ]
      .filter(Boolean)
      .join('  '),
  );
  const verb = dryRun ? 'Would delete' : 'Deleted';
  const anon = dryRun ? 'would anonymise' : 'anonymised';
  lines.push(
    `${verb} ${run.screenshotsDeleted} screenshot(s) and ${anon} the reporter of ${run.reportersAnonymised} report(s) closed on or before ${run.cutoff}.`,
  );
  return lines;
}

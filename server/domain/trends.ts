/**
 * Weekly trend figures for the dashboard, bucketed by ISO week (weeks start on Monday, UTC).
 */
import type { Trends } from '../../protocol/api';

/** What trends need of one report, as the store reads it. */
export interface TrendRow {
  receivedAt: string;
  service: string;
  hardToUse: boolean;
  insecure: boolean;
  workarounds: string[];
}

/** Midnight UTC on the Monday of `date`'s ISO week. */
export function weekStart(date: Date): Date {
  const d = new Date(
    Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()),
  );
  const offset = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - offset);
  return d;
}

/** The first instant counted for `weeks` weeks ending with the current one. */
export function trendsSince(now: Date, weeks: number): Date {
  const start = weekStart(now);
  start.setUTCDate(start.getUTCDate() - 7 * (weeks - 1));
  return start;
}

/** Buckets rows into weeks. */
export function buildTrends(
  rows: readonly TrendRow[],
  now: Date,
  weeks: number,
): Trends {
  const first = trendsSince(now, weeks);
  const labels = Array.from({ length: weeks }, (_, i) => {
    const d = new Date(first);
    d.setUTCDate(d.getUTCDate() + 7 * i);
    return d.toISOString().slice(0, 10);
  });
  const week = (iso: string) =>
    Math.floor((Date.parse(iso) - first.getTime()) / (7 * 86_400_000));
  const services = new Map<string, number[]>();
  const problems = new Map<string, number[]>([
    ['hard-to-use', Array<number>(weeks).fill(0)],
    ['insecure-workaround', Array<number>(weeks).fill(0)],
  ]);
  const workarounds = new Map<string, number>();
  for (const row of rows) {
    const i = week(row.receivedAt);
    if (i < 0 || i >= weeks) continue;
    const counts = services.get(row.service) ?? Array<number>(weeks).fill(0);
    counts[i] = (counts[i] ?? 0) + 1;
    services.set(row.service, counts);
    const hard = problems.get('hard-to-use');
    const insecure = problems.get('insecure-workaround');
    if (row.hardToUse && hard) hard[i] = (hard[i] ?? 0) + 1;
    if (row.insecure && insecure) insecure[i] = (insecure[i] ?? 0) + 1;
    for (const w of row.workarounds)
      workarounds.set(w, (workarounds.get(w) ?? 0) + 1);
  }
  return {
    weeks: labels,
    byService: [...services]
      .map(([name, counts]) => ({ name, counts }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    byProblem: [...problems].map(([name, counts]) => ({ name, counts })),
    topWorkarounds: [...workarounds]
      .map(([workaround, count]) => ({ workaround, count }))
      .sort(
        (a, b) => b.count - a.count || a.workaround.localeCompare(b.workaround),
      )
      .slice(0, 10),
  };
}

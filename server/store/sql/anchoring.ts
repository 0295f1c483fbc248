/**
 * How each report's notes anchored when its page was last open: the latest observation per
 * note. Recording one touches only this table, so a report's version, its place in the
 * change feed and everyone's notifications stay as they were.
 */
import type { AnchorQuality, LastSeen } from '../../../protocol/anchoring';
import type { SqlDriver, SqlExecutor } from '../driver';

/** The latest observation of each of a report's notes, by annotation id. */
export async function lastSeenOf(
  db: SqlExecutor,
  reportId: string,
): Promise<Map<string, LastSeen>> {
  const rows = await db.all<{
    annotation_id: string;
    quality: AnchorQuality;
    seen_at: string;
  }>(
    'SELECT annotation_id, quality, seen_at FROM anchoring WHERE report_id = ?',
    [reportId],
  );
  return new Map(
    rows.map((r) => [r.annotation_id, { quality: r.quality, at: r.seen_at }]),
  );
}

/** Observations of notes on the page. */
export class SqlAnchoring {
  constructor(private readonly driver: SqlDriver) {}

  /** Keeps these observations of the report's notes, each replacing the one before. */
  async record(
    reportId: string,
    annotations: Record<string, AnchorQuality>,
    at: string,
  ): Promise<void> {
    const entries = Object.entries(annotations);
    if (entries.length === 0) return;
    await this.driver.transaction(async (tx) => {
      for (const [annotationId, quality] of entries)
        await tx.run(
          `INSERT INTO anchoring (report_id, annotation_id, quality, seen_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (report_id, annotation_id) DO UPDATE SET quality = excluded.quality,
             seen_at = excluded.seen_at`,
          [reportId, annotationId, quality, at],
        );
    });
  }
}

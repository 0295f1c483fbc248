/**
 * Each report's redacted screenshot, byte for byte.
 */
import type { SqlDriver } from '../driver';
import type { Screenshot } from '../store';

/** Screenshots, one per report; a new upload replaces the old. */
export class SqlScreenshots {
  constructor(private readonly driver: SqlDriver) {}

  /** Stores (or replaces) the report's screenshot. */
  async put(reportId: string, shot: Screenshot, at: string): Promise<void> {
    await this.driver.run(
      `INSERT INTO screenshots (report_id, media_type, bytes, uploaded_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (report_id) DO UPDATE SET media_type = excluded.media_type,
         bytes = excluded.bytes, uploaded_at = excluded.uploaded_at`,
      [reportId, shot.mediaType, shot.bytes, at],
    );
  }

  /** The report's screenshot, or null if it has none. */
  async get(reportId: string): Promise<Screenshot | null> {
    const row = await this.driver.get<{
      media_type: string;
      bytes: Buffer | Uint8Array;
    }>('SELECT media_type, bytes FROM screenshots WHERE report_id = ?', [
      reportId,
    ]);
    return row
      ? { mediaType: row.media_type, bytes: Buffer.from(row.bytes) }
      : null;
  }
}

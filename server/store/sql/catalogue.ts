/**
 * The service catalogue, and re-applying it to the reports already received. Which service a
 * page belongs to is decided by `resolveService`, and entries arrive already normalised by
 * `normaliseCatalogue`.
 */
import type { ServiceEntry } from '../../../protocol/api';
import type { ReportInput } from '../../../protocol/report';
import { renamedService } from '../../domain/catalogue';
import { withService } from '../../domain/reports';
import type { SqlDriver, SqlExecutor, SqlTransaction } from '../driver';
import { lockWrites, nextSeq } from './sequence';

/** The catalogue, in the order it was saved. */
export async function readCatalogue(db: SqlExecutor): Promise<ServiceEntry[]> {
  const rows = await db.all<{
    hostname: string;
    path_prefix: string;
    name: string;
  }>('SELECT hostname, path_prefix, name FROM services ORDER BY position');
  return rows.map((r) => ({
    hostname: r.hostname,
    pathPrefix: r.path_prefix,
    name: r.name,
  }));
}

/** A report as re-applying the catalogue needs it. */
interface NamedReport {
  id: string;
  page_url: string;
  client_service: string;
  service: string;
  body: string;
}

/** The catalogue and the service names it gives reports. */
export class SqlCatalogue {
  constructor(private readonly driver: SqlDriver) {}

  /** The whole catalogue. */
  get(): Promise<ServiceEntry[]> {
    return readCatalogue(this.driver);
  }

  /** Replaces the whole catalogue with these entries, in this order. */
  async put(entries: ServiceEntry[]): Promise<void> {
    await this.driver.transaction(async (tx) => {
      await tx.run('DELETE FROM services');
      let position = 0;
      for (const e of entries) {
        await tx.run(
          'INSERT INTO services (position, hostname, path_prefix, name) VALUES (?, ?, ?, ?)',
          [position++, e.hostname, e.pathPrefix, e.name],
        );
      }
    });
  }

  /** Names every report by the catalogue again; answers how many were renamed. */
  reapply(_at: string): Promise<number> {
    return this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      const catalogue = await readCatalogue(tx);
      const rows = await tx.all<NamedReport>(
        'SELECT id, page_url, client_service, service, body FROM reports ORDER BY server_seq',
      );
      let changed = 0;
      for (const row of rows) {
        const service = renamedService(catalogue, {
          pageUrl: row.page_url,
          clientService: row.client_service,
          service: row.service,
        });
        if (service === null) continue;
        await this.rename(tx, row, service);
        changed++;
      }
      return changed;
    });
  }

  /** Gives one report a new service name, as a new change. */
  private async rename(
    tx: SqlTransaction,
    row: NamedReport,
    service: string,
  ): Promise<void> {
    const seq = await nextSeq(tx);
    const body = withService(JSON.parse(row.body) as ReportInput, service);
    await tx.run(
      'UPDATE reports SET service = ?, body = ?, server_seq = ? WHERE id = ?',
      [service, JSON.stringify(body), seq, row.id],
    );
    tx.notify({ type: 'report-updated', id: row.id, serverSeq: seq });
  }
}

/**
 * The audit log: appended to, never changed, read newest first. It holds who, what, when and
 * from where, never report text (callers pass ids, field names, filters and counts).
 */
import type { AuditAction, AuditEntry } from '../../../protocol/audit';
import type { SqlDriver } from '../driver';
import type { NewAuditEntry } from '../store';

interface AuditRow {
  id: number;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: AuditAction;
  target: string | null;
  detail: string;
  address: string | null;
}

const toEntry = (row: AuditRow): AuditEntry => ({
  id: Number(row.id),
  at: row.at,
  actor: row.actor_id ? { id: row.actor_id, name: row.actor_name } : null,
  action: row.action,
  target: row.target,
  detail: JSON.parse(row.detail) as AuditEntry['detail'],
  address: row.address,
});

/** The audit log. */
export class SqlAudit {
  constructor(private readonly driver: SqlDriver) {}

  /** Appends one entry. */
  async append(entry: NewAuditEntry): Promise<void> {
    await this.driver.run(
      `INSERT INTO audit_log (at, actor_id, actor_name, action, target, detail, address)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [
        entry.at,
        entry.actor?.id ?? null,
        entry.actor?.name ?? 'Snag',
        entry.action,
        entry.target,
        JSON.stringify(entry.detail),
        entry.address,
      ],
    );
  }

  /** Up to `limit` entries older than the entry `before` (newest first), of one action if given. */
  async list(query: {
    action?: AuditAction;
    before?: number;
    limit: number;
  }): Promise<AuditEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.action) {
      where.push('action = ?');
      params.push(query.action);
    }
    if (query.before !== undefined) {
      where.push('id < ?');
      params.push(query.before);
    }
    const rows = await this.driver.all<AuditRow>(
      `SELECT id, at, actor_id, actor_name, action, target, detail, address FROM audit_log
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY id DESC LIMIT ?`,
      [...params, query.limit],
    );
    return rows.map(toEntry);
  }
}

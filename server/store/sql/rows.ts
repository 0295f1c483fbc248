/**
 * Rows as the database returns them, and the SQL that reads a report row; shared by every
 * aggregate that reads reports or users.
 */
import type { Role } from '../../../protocol/api';
import type {
  PersonalDataState,
  Person,
  Status,
  Team,
} from '../../../protocol/report';
import type { SqlExecutor } from '../driver';
import type { UserRecord } from '../store';

/** A report row joined with its author. */
export interface ReportRow {
  id: string;
  author_id: string;
  author_name: string;
  author_team: Team | null;
  /** The stored `ReportInput` as JSON, its page already named by the catalogue. */
  body: string;
  service: string;
  received_at: string;
  server_seq: number;
  status: Status;
  usability_severity: number | null;
  security_risk: number | null;
  assignee: string | null;
  duplicate_of: string | null;
  version: number;
  votes: number;
  personal_data: PersonalDataState | null;
}

/** A user row. */
export interface UserRow {
  id: string;
  name: string;
  role: Role;
  team: Team | null;
  created_at: string;
  revoked_at: string | null;
}

/** The columns of a {@link ReportRow}. */
export const REPORT_COLUMNS = `r.id, r.author_id, u.name AS author_name, u.team AS author_team, r.body,
  r.service, r.received_at, r.server_seq, r.status, r.usability_severity, r.security_risk,
  r.assignee, r.duplicate_of, r.version, r.votes, r.personal_data`;
/** Reports joined with their authors, as `r` and `u`. */
export const REPORT_FROM = 'FROM reports r JOIN users u ON u.id = r.author_id';

/** The user a row describes. */
export const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  name: row.name,
  role: row.role,
  team: row.team,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

/** Someone who wrote something, as the API shows them. */
export const personOf = (
  id: string,
  name: string,
  team: Team | null,
): Person => ({ id, name, team });

/** `?, ?, …` for `n` parameters. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/** One report row, or undefined if there is no such report. */
export function reportRow(
  db: SqlExecutor,
  id: string,
): Promise<ReportRow | undefined> {
  return db.get<ReportRow>(
    `SELECT ${REPORT_COLUMNS} ${REPORT_FROM} WHERE r.id = ?`,
    [id],
  );
}

/** Whether a report with this id exists. */
export async function reportExists(
  db: SqlExecutor,
  id: string,
): Promise<boolean> {
  const row = await db.get<{ id: string }>(
    'SELECT id FROM reports WHERE id = ?',
    [id],
  );
  return row !== undefined;
}

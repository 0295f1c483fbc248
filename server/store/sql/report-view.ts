/**
 * Reports as the API shows them, assembled from their rows: the stored body, the server's
 * fields, the discussion, and (for a viewer) whether they said "me too".
 */
import type { HistoryEntry, ReportDetail } from '../../../protocol/api';
import type {
  Comment,
  ReportInput,
  StoredReport,
  Team,
} from '../../../protocol/report';
import type { SqlExecutor } from '../driver';
import { lastSeenOf } from './anchoring';
import { personOf, placeholders, reportRow, type ReportRow } from './rows';

/** The comments on each of `ids`, oldest first. */
async function commentsOf(
  db: SqlExecutor,
  ids: string[],
): Promise<Map<string, Comment[]>> {
  const rows = await db.all<{
    id: string;
    report_id: string;
    body: string;
    created_at: string;
    author_id: string;
    name: string;
    team: Team | null;
  }>(
    `SELECT c.id, c.report_id, c.body, c.created_at, c.author_id, u.name, u.team
     FROM comments c JOIN users u ON u.id = c.author_id
     WHERE c.report_id IN (${placeholders(ids.length)}) ORDER BY c.created_at, c.id`,
    ids,
  );
  const byReport = new Map<string, Comment[]>();
  for (const c of rows) {
    const list = byReport.get(c.report_id) ?? [];
    list.push({
      id: c.id,
      body: c.body,
      author: personOf(c.author_id, c.name, c.team),
      createdAt: c.created_at,
    });
    byReport.set(c.report_id, list);
  }
  return byReport;
}

/** Which of `ids` the viewer has voted for. */
async function votedBy(
  db: SqlExecutor,
  viewerId: string,
  ids: string[],
): Promise<Set<string>> {
  const rows = await db.all<{ report_id: string }>(
    `SELECT report_id FROM votes WHERE user_id = ? AND report_id IN (${placeholders(ids.length)})`,
    [viewerId, ...ids],
  );
  return new Set(rows.map((v) => v.report_id));
}

/**
 * One report from its row; `votedByMe` only when there is a viewer to ask about. The server's
 * fields are added to the freshly parsed body rather than spread into a new object: spreading
 * hundreds of parsed bodies made a 500-report page of `/changes` several times slower.
 */
function storedReportOf(
  row: ReportRow,
  comments: Comment[],
  votedByMe: boolean | undefined,
): StoredReport {
  const body = JSON.parse(row.body) as ReportInput;
  return Object.assign(body, {
    serverSeq: Number(row.server_seq),
    receivedAt: row.received_at,
    author: personOf(row.author_id, row.author_name, row.author_team),
    status: row.status,
    usabilitySeverity: row.usability_severity,
    securityRisk: row.security_risk,
    assignee: row.assignee,
    duplicateOf: row.duplicate_of,
    version: Number(row.version),
    votes: Number(row.votes),
    ...(votedByMe === undefined ? {} : { votedByMe }),
    comments,
    ...(row.personal_data ? { personalData: row.personal_data } : {}),
  });
}

/** Turns rows into stored reports, with their comments and the viewer's votes. */
export async function storedReports(
  db: SqlExecutor,
  rows: ReportRow[],
  viewerId?: string,
): Promise<StoredReport[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const comments = await commentsOf(db, ids);
  const voted = viewerId ? await votedBy(db, viewerId, ids) : null;
  return rows.map((row) =>
    storedReportOf(row, comments.get(row.id) ?? [], voted?.has(row.id)),
  );
}

/** A report's triage history, oldest first. */
export async function historyOf(
  db: SqlExecutor,
  id: string,
): Promise<HistoryEntry[]> {
  const rows = await db.all<{
    at: string;
    changes: string;
    author_id: string;
    name: string;
    team: Team | null;
  }>(
    `SELECT h.at, h.changes, h.author_id, u.name, u.team
     FROM triage_history h JOIN users u ON u.id = h.author_id
     WHERE h.report_id = ? ORDER BY h.id`,
    [id],
  );
  return rows.map((r) => ({
    at: r.at,
    author: personOf(r.author_id, r.name, r.team),
    changes: JSON.parse(r.changes) as HistoryEntry['changes'],
  }));
}

/**
 * One report with its triage history and how each note anchored when last seen, as
 * `GET /reports/:id` answers it.
 */
export async function reportDetail(
  db: SqlExecutor,
  id: string,
  viewerId?: string,
): Promise<ReportDetail | null> {
  const row = await reportRow(db, id);
  if (!row) return null;
  const [report] = await storedReports(db, [row], viewerId);
  if (!report) return null;
  const seen = await lastSeenOf(db, id);
  const annotations = report.annotations.map((a) => {
    const lastSeen = seen.get(a.id);
    return lastSeen ? { ...a, lastSeen } : a;
  });
  return { ...report, annotations, history: await historyOf(db, id) };
}

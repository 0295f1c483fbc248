/**
 * A list filter as SQL: the WHERE clause and ORDER BY that both databases run alike.
 */
import { OPEN_STATUSES } from '../../../protocol/report';
import type { ReportSort } from '../../../protocol/filters';
import type { ReportFilter } from '../../domain/report-filter';
import { placeholders } from './rows';

/** A fragment of SQL with its parameters. */
export interface SqlPart {
  sql: string;
  params: unknown[];
}

/** Escapes LIKE wildcards so a search for `50%` means the characters, not a pattern. */
function likeContains(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Adds a day to a bare `YYYY-MM-DD`, so `to` includes the whole of that day. */
function endBound(to: string): { op: '<' | '<='; value: string } {
  if (/^\d{4}-\d{2}-\d{2}$/.test(to)) {
    const next = new Date(`${to}T00:00:00.000Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return { op: '<', value: next.toISOString() };
  }
  return { op: '<=', value: new Date(to).toISOString() };
}

/** `column = ?`, or `column IS NULL` for a level filtered as "not rated". */
function levelClause(column: string, level: number | null): SqlPart {
  return level === null
    ? { sql: `${column} IS NULL`, params: [] }
    : { sql: `${column} = ?`, params: [level] };
}

/** One clause per filter that is set. */
function clauses(filter: ReportFilter): SqlPart[] {
  const parts: SqlPart[] = [];
  const add = (sql: string, ...params: unknown[]) =>
    parts.push({ sql, params });
  if (filter.status && filter.status.length > 0)
    add(
      `r.status IN (${placeholders(filter.status.length)})`,
      ...filter.status,
    );
  if (filter.service !== undefined) add('r.service = ?', filter.service);
  if (filter.problem === 'hard-to-use') add('r.hard_to_use = 1');
  if (filter.problem === 'insecure-workaround') add('r.insecure = 1');
  if (filter.category !== undefined)
    add(
      `r.categories LIKE ? ESCAPE '\\'`,
      likeContains(`,${filter.category},`),
    );
  if (filter.workaround !== undefined)
    add(
      `r.workarounds LIKE ? ESCAPE '\\'`,
      likeContains(`,${filter.workaround},`),
    );
  if (filter.dataInvolved !== undefined)
    add('r.data_involved = ?', filter.dataInvolved);
  if (filter.personalData !== undefined)
    add('r.personal_data = ?', filter.personalData);
  if (filter.severity !== undefined)
    parts.push(levelClause('r.usability_severity', filter.severity));
  if (filter.risk !== undefined)
    parts.push(levelClause('r.security_risk', filter.risk));
  if (filter.assignee !== undefined) add('r.assignee = ?', filter.assignee);
  if (filter.from !== undefined)
    add('r.received_at >= ?', new Date(filter.from).toISOString());
  if (filter.to !== undefined) {
    const bound = endBound(filter.to);
    add(`r.received_at ${bound.op} ?`, bound.value);
  }
  if (filter.q !== undefined && filter.q.trim())
    add(`r.search_text LIKE ? ESCAPE '\\'`, likeContains(filter.q.trim()));
  if (filter.url !== undefined) add('r.page_url = ?', filter.url);
  if (filter.authorId !== undefined) add('r.author_id = ?', filter.authorId);
  return parts;
}

/** The filter's conditions joined with AND, without the `WHERE` (empty if none). */
export function conditions(filter: ReportFilter): SqlPart {
  const parts = clauses(filter);
  return {
    sql: parts.map((p) => p.sql).join(' AND '),
    params: parts.flatMap((p) => p.params),
  };
}

/** `WHERE …` for the filter, or nothing. */
export function whereClause(filter: ReportFilter): SqlPart {
  const where = conditions(filter);
  return {
    sql: where.sql ? `WHERE ${where.sql}` : '',
    params: where.params,
  };
}

/** ORDER BY for each sort; ties break by time received, then id, so pages are stable. */
export const ORDER_BY: Record<ReportSort, string> = {
  newest: 'r.received_at DESC, r.id DESC',
  oldest: 'r.received_at ASC, r.id ASC',
  severity:
    'r.usability_severity DESC NULLS LAST, r.received_at DESC, r.id DESC',
  risk: 'r.security_risk DESC NULLS LAST, r.received_at DESC, r.id DESC',
  votes: 'r.votes DESC, r.received_at DESC, r.id DESC',
};

/** `status IN (…)` for the reports that still need work, as counted by the matrix. */
export const OPEN: SqlPart = {
  sql: `status IN (${placeholders(OPEN_STATUSES.length)})`,
  params: [...OPEN_STATUSES],
};

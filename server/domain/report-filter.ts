/**
 * What a list query asks for: the protocol's query parameters turned into the filter the store
 * applies, and the page wanted.
 */
import {
  DEFAULT_LIST_LIMIT,
  MAX_LIST_LIMIT,
  UNRATED,
  type ListFilters,
  type ReportListQuery,
  type ReportSort,
} from '../../protocol/filters';
import {
  STATUSES,
  type DataInvolved,
  type PersonalDataState,
  type ProblemKind,
  type Status,
  type UsabilityCategory,
  type Workaround,
} from '../../protocol/report';
import type { Read } from './read';

/** The filters shared by `GET /reports` and the exports, as the store applies them. */
export interface ReportFilter {
  status?: Status[];
  service?: string;
  problem?: ProblemKind;
  category?: UsabilityCategory;
  workaround?: Workaround;
  dataInvolved?: DataInvolved;
  personalData?: PersonalDataState;
  /** A severity 1–4, or `null` for untriaged. */
  severity?: number | null;
  /** A risk 1–4, or `null` for untriaged. */
  risk?: number | null;
  assignee?: string;
  /** Inclusive lower bound on `receivedAt` (ISO date or time). */
  from?: string;
  /** Upper bound on `receivedAt`; a bare date includes that whole day. */
  to?: string;
  /** Free text, matched case-insensitively as a substring. */
  q?: string;
  /** Exact cleaned page URL. */
  url?: string;
  /** Only reports by this user. */
  authorId?: string;
  sort?: ReportSort;
}

/** A list request: the filter and the page wanted. */
export interface ReportQuery {
  filter: ReportFilter;
  offset: number;
  limit: number;
}

/** `1`–`4` as a number, or {@link UNRATED} as null. */
const levelOf = (value: string): number | null =>
  value === UNRATED ? null : Number(value);

/** The statuses of a comma-separated list, or the first one that is not a status. */
function readStatuses(list: string): Read<Status[]> {
  const statuses = list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = statuses.find(
    (s) => !(STATUSES as readonly string[]).includes(s),
  );
  if (unknown !== undefined)
    return { ok: false, message: `query.status: unknown status "${unknown}"` };
  return { ok: true, value: statuses as Status[] };
}

/**
 * The store filter for checked list parameters; `viewerId` is whose reports `mine=1` means.
 * Absent and empty parameters filter nothing; the order defaults to newest first.
 */
export function filterFromQuery(
  q: ListFilters,
  viewerId: string,
): Read<ReportFilter> {
  const filter: ReportFilter = {};
  if (q.status) {
    const statuses = readStatuses(q.status);
    if (!statuses.ok) return statuses;
    filter.status = statuses.value;
  }
  if (q.service) filter.service = q.service;
  if (q.problem) filter.problem = q.problem;
  if (q.category) filter.category = q.category;
  if (q.workaround) filter.workaround = q.workaround;
  if (q.dataInvolved) filter.dataInvolved = q.dataInvolved;
  if (q.personalData) filter.personalData = q.personalData;
  if (q.severity) filter.severity = levelOf(q.severity);
  if (q.risk) filter.risk = levelOf(q.risk);
  if (q.assignee) filter.assignee = q.assignee;
  if (q.from) filter.from = q.from;
  if (q.to) filter.to = q.to;
  if (q.q) filter.q = q.q;
  if (q.url) filter.url = q.url;
  if (q.mine === '1' || q.mine === 'true') filter.authorId = viewerId;
  filter.sort = q.sort ?? 'newest';
  return { ok: true, value: filter };
}

/** The filter and the page of a checked `GET /reports` query. */
export function listRequest(
  q: ReportListQuery,
  viewerId: string,
): Read<ReportQuery> {
  const filter = filterFromQuery(q, viewerId);
  if (!filter.ok) return filter;
  const limit = q.limit === undefined ? DEFAULT_LIST_LIMIT : Number(q.limit);
  if (limit < 1 || limit > MAX_LIST_LIMIT)
    return {
      ok: false,
      message: `query.limit: between 1 and ${MAX_LIST_LIMIT}`,
    };
  const offset = q.cursor ? Number(q.cursor) : 0;
  return { ok: true, value: { filter: filter.value, offset, limit } };
}

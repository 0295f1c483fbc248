/**
 * The query string of `GET /reports` and the exports, checked and turned into a store filter.
 */
import * as z from 'zod/mini';
import {
  DATA_INVOLVED,
  STATUSES,
  USABILITY_CATEGORIES,
  WORKAROUNDS,
} from '../protocol/report';
import { HttpError } from './errors';
import type { ReportFilter, ReportSort } from './store/store';
import { parseOr400 } from './validation';

const text = (max: number) => z.optional(z.string().check(z.maxLength(max)));
const isoDate = z.optional(
  z
    .string()
    .check(
      z.refine(
        (s) => /^\d{4}-\d{2}-\d{2}/.test(s) && !Number.isNaN(Date.parse(s)),
        'Expected an ISO date',
      ),
    ),
);
const level = z.optional(
  z.string().check(z.regex(/^([1-4]|none)$/, 'Expected 1–4 or none')),
);

const reportQuery = z.object({
  status: text(200),
  service: text(200),
  problem: z.optional(z.enum(['hard-to-use', 'insecure-workaround'])),
  category: z.optional(z.enum(USABILITY_CATEGORIES)),
  workaround: z.optional(z.enum(WORKAROUNDS)),
  dataInvolved: z.optional(z.enum(DATA_INVOLVED)),
  severity: level,
  risk: level,
  assignee: text(200),
  from: isoDate,
  to: isoDate,
  q: text(500),
  url: text(2048),
  mine: z.optional(z.enum(['0', '1', 'true', 'false'])),
  sort: z.optional(z.enum(['newest', 'oldest', 'severity', 'risk', 'votes'])),
  cursor: z.optional(
    z.string().check(z.regex(/^\d{1,9}$/, 'Not a cursor from this server')),
  ),
  limit: z.optional(
    z.string().check(z.regex(/^\d{1,3}$/, 'Expected a number')),
  ),
});

/** A checked list request: the filter and the page wanted. */
export interface ReportQuery {
  filter: ReportFilter;
  offset: number;
  limit: number;
}

/** Largest page of `GET /reports`. */
export const MAX_LIST_LIMIT = 200;

/** Reads the list query; `viewerId` serves `mine=1`. */
export function parseReportQuery(
  query: unknown,
  viewerId: string,
): ReportQuery {
  const q = parseOr400(reportQuery, query ?? {}, 'query');
  const filter: ReportFilter = {};
  if (q.status) {
    const statuses = q.status
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const s of statuses) {
      if (!(STATUSES as readonly string[]).includes(s))
        throw new HttpError(400, `query.status: unknown status "${s}"`);
    }
    filter.status = statuses as ReportFilter['status'];
  }
  if (q.service) filter.service = q.service;
  if (q.problem) filter.problem = q.problem;
  if (q.category) filter.category = q.category;
  if (q.workaround) filter.workaround = q.workaround;
  if (q.dataInvolved) filter.dataInvolved = q.dataInvolved;
  if (q.severity)
    filter.severity = q.severity === 'none' ? null : Number(q.severity);
  if (q.risk) filter.risk = q.risk === 'none' ? null : Number(q.risk);
  if (q.assignee) filter.assignee = q.assignee;
  if (q.from) filter.from = q.from;
  if (q.to) filter.to = q.to;
  if (q.q) filter.q = q.q;
  if (q.url) filter.url = q.url;
  if (q.mine === '1' || q.mine === 'true') filter.authorId = viewerId;
  filter.sort = (q.sort ?? 'newest') as ReportSort;
  const limit = q.limit === undefined ? 50 : Number(q.limit);
  if (limit < 1 || limit > MAX_LIST_LIMIT)
    throw new HttpError(400, `query.limit: between 1 and ${MAX_LIST_LIMIT}`);
  return { filter, offset: q.cursor ? Number(q.cursor) : 0, limit };
}

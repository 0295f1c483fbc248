/**
 * The report list's filter vocabulary (docs/api.md, `GET /reports`): the query parameters that
 * `GET /reports`, `/export.csv` and `/export.jsonld` take, and the values each allows. The
 * server validates with these schemas and the dashboard builds its links from the same keys.
 */
import * as z from 'zod/mini';
import { PERSONAL_DATA_STATES } from './report';
import {
  DATA_INVOLVED,
  PROBLEM_KINDS,
  USABILITY_CATEGORIES,
  WORKAROUNDS,
} from './constants';

/** How a list may be ordered. */
export const REPORT_SORTS = [
  'newest',
  'oldest',
  'severity',
  'risk',
  'votes',
] as const;
export type ReportSort = (typeof REPORT_SORTS)[number];

/** What `severity` and `risk` take to mean "not rated yet". */
export const UNRATED = 'none';

/** Largest page of `GET /reports`. */
export const MAX_LIST_LIMIT = 200;
/** The page of `GET /reports` when the client names none. */
export const DEFAULT_LIST_LIMIT = 50;

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
  z
    .string()
    .check(z.regex(new RegExp(`^([1-4]|${UNRATED})$`), 'Expected 1–4 or none')),
);

/** The filters a reviewer sets, in the order a form shows them. */
const filterFields = {
  /** Free text, matched case-insensitively in what was tried, what happened, title and notes. */
  q: text(500),
  /** One status or a comma-separated list of them. */
  status: text(200),
  service: text(200),
  problem: z.optional(z.enum(PROBLEM_KINDS)),
  category: z.optional(z.enum(USABILITY_CATEGORIES)),
  workaround: z.optional(z.enum(WORKAROUNDS)),
  dataInvolved: z.optional(z.enum(DATA_INVOLVED)),
  /** `flagged`: the personal-data check found something a reviewer has not yet cleared. */
  personalData: z.optional(z.enum(PERSONAL_DATA_STATES)),
  /** `1`–`4`, or {@link UNRATED}. */
  severity: level,
  /** `1`–`4`, or {@link UNRATED}. */
  risk: level,
  assignee: text(200),
  /** Inclusive lower bound on `receivedAt`. */
  from: isoDate,
  /** Upper bound on `receivedAt`; a bare date includes that whole day. */
  to: isoDate,
};

/** Every list parameter but the page: the filters, the extension's scopes, and the order. */
export const listFilters = z.object({
  ...filterFields,
  /** Exact cleaned page URL: the extension asks for the reports on the page it is on. */
  url: text(2048),
  /** `1` or `true`: only the caller's own reports. */
  mine: z.optional(z.enum(['0', '1', 'true', 'false'])),
  sort: z.optional(z.enum(REPORT_SORTS)),
});
export type ListFilters = z.infer<typeof listFilters>;

/** The query of `GET /reports`: the filters, and which page. */
export const reportListQuery = z.extend(listFilters, {
  /** Where the page starts, from the previous page's `cursor`. */
  cursor: z.optional(
    z.string().check(z.regex(/^\d{1,9}$/, 'Not a cursor from this server')),
  ),
  /** 1 to {@link MAX_LIST_LIMIT}. */
  limit: z.optional(
    z.string().check(z.regex(/^\d{1,3}$/, 'Expected a number')),
  ),
});
export type ReportListQuery = z.infer<typeof reportListQuery>;

/** The name of one filter a reviewer sets. */
export type FilterKey = keyof typeof filterFields;

/** The filters a reviewer sets, in the order a form shows them. */
export const FILTER_KEYS = Object.keys(filterFields) as FilterKey[];

/** Every query parameter of the list and the exports, apart from the page. */
export const LIST_QUERY_KEYS = Object.keys(
  listFilters.shape,
) as (keyof ListFilters)[];

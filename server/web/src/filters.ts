/**
 * Report filters as they live in the URL, so any view of the list can be shared as a link.
 * The same query string is passed through to `GET /reports` and the exports, whose filter
 * vocabulary is `protocol/filters.ts`.
 */
import { paths } from '../../../protocol/api';
import { FILTER_KEYS } from '../../../protocol/filters';

/** Query keys of a list view: the filters a reviewer sets, the sort order and the page cursor. */
export const LIST_KEYS = [...FILTER_KEYS, 'sort', 'cursor'] as const;

/** The name of one list parameter. */
export type ListKey = (typeof LIST_KEYS)[number];

/** A list view: each set parameter and its value. */
export type ListQuery = Partial<Record<ListKey, string>>;

/** Reads a list view from a query string such as `location.search`; unknown keys are ignored. */
export function queryFromSearch(search: string): ListQuery {
  const params = new URLSearchParams(search);
  const query: ListQuery = {};
  for (const key of LIST_KEYS) {
    const value = params.get(key)?.trim();
    if (value) query[key] = value;
  }
  return query;
}

/**
 * Writes a list view as a query string (with its leading `?`, or empty), in a stable order so
 * that equal views give equal links.
 */
export function searchFromQuery(query: ListQuery): string {
  const params = new URLSearchParams();
  for (const key of LIST_KEYS) {
    const value = query[key]?.trim();
    if (value) params.set(key, value);
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The view without its page cursor: what exports and "first page" links use. */
export function withoutCursor(query: ListQuery): ListQuery {
  const { cursor: _cursor, ...rest } = query;
  return rest;
}

/** Reports per page of every list. */
export const PAGE_SIZE = 25;

/** The API path that answers one page of a list view. */
export function listRequestPath(
  query: ListQuery,
  pageSize: number = PAGE_SIZE,
): string {
  const params = new URLSearchParams(searchFromQuery(query));
  params.set('limit', String(pageSize));
  return `${paths.reports}?${params.toString()}`;
}

/** The list view a dashboard URL shows, or null if it shows no list. */
export function listQueryForLocation(
  path: string,
  search: string,
): ListQuery | null {
  if (path === '/' || path === '/inbox') {
    return { ...INBOX_QUERY, cursor: queryFromSearch(search).cursor };
  }
  if (path === '/reports') return queryFromSearch(search);
  return null;
}

/** The inbox: reports nobody has triaged, newest first. */
export const INBOX_QUERY: ListQuery = { status: 'new', sort: 'newest' };

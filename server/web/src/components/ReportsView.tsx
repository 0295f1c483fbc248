import { useEffect, useRef, useState } from 'preact/hooks';
import type { ReportList } from '../../../../protocol/api';
import { describeError, request } from '../api';
import {
  PAGE_SIZE,
  listRequestPath,
  searchFromQuery,
  withoutCursor,
  type ListQuery,
} from '../filters';
import { useLiveEvents } from '../live';
import { takeArrived, takePrefetched } from '../prefetch';
import ReportSummary from './ReportSummary';

/** Props of {@link ReportsView}. */
export interface ReportsViewProps {
  /** The filters, sort and cursor to ask the server for. */
  query: ListQuery;
  /** Where the page links point (the same view with another cursor). */
  basePath: string;
  /** Names the count, e.g. "new reports". */
  noun: [singular: string, plural: string];
  /** Reports per page. */
  pageSize?: number;
}

/**
 * One page of a list view, loaded again (at most once per burst) whenever the server says a
 * report was made or changed. The first page may already have arrived with the app.
 */
function useReportPage(query: ListQuery, pageSize: number) {
  const [page, setPage] = useState<ReportList | null>(
    () => takeArrived<ReportList>(listRequestPath(query, pageSize)) ?? null,
  );
  const shownFirst = useRef(page !== null);
  const [error, setError] = useState<string | null>(null);
  const [refreshes, setRefreshes] = useState(0);
  const pending = useRef<number | undefined>(undefined);
  const search = searchFromQuery(query);

  useEffect(() => {
    if (shownFirst.current) {
      // The first page was already in hand when this list mounted.
      shownFirst.current = false;
      return;
    }
    const controller = new AbortController();
    const path = listRequestPath(query, pageSize);
    const answer =
      (refreshes === 0 ? takePrefetched<ReportList>(path) : undefined) ??
      request<ReportList>(path, { signal: controller.signal });
    answer
      .then((result) => {
        // An early answer cannot be aborted, so a stale one is dropped here instead.
        if (controller.signal.aborted) return;
        setPage(result);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(describeError(e));
      });
    return () => controller.abort();
    // `search` stands in for `query`, whose object identity changes on every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `search` is `query` as a string
  }, [search, pageSize, refreshes]);

  // Bursts of events (a bulk import, a re-applied catalogue) cause one refresh, not hundreds.
  useLiveEvents((event) => {
    if (event.type === 'paused') return;
    window.clearTimeout(pending.current);
    pending.current = window.setTimeout(() => setRefreshes((n) => n + 1), 150);
  });
  useEffect(() => () => window.clearTimeout(pending.current), []);
  return { page, error };
}

/**
 * A server-paged list of reports. It refreshes itself when the server says a report was made
 * or changed, so the view stays current without a reload.
 */
export default function ReportsView({
  query,
  basePath,
  noun,
  pageSize = PAGE_SIZE,
}: ReportsViewProps) {
  const { page, error } = useReportPage(query, pageSize);
  if (error) {
    return (
      <div class="govuk-error-summary" role="alert">
        <h2 class="govuk-error-summary__title">
          The reports could not be loaded
        </h2>
        <div class="govuk-error-summary__body">
          <p class="govuk-body">{error}</p>
        </div>
      </div>
    );
  }
  if (!page) return <p class="govuk-body">Loading reports…</p>;

  const total = page.total ?? page.reports.length;
  return (
    <section aria-labelledby="report-count">
      <p
        class="govuk-body govuk-!-font-weight-bold"
        id="report-count"
        data-testid="report-count"
      >
        {total} {total === 1 ? noun[0] : noun[1]}
      </p>
      {page.reports.length === 0 ? (
        <p class="govuk-body">There are no reports to show.</p>
      ) : (
        <ul class="snag-report-list" aria-labelledby="report-count">
          {page.reports.map((report) => (
            <ReportSummary key={report.id} report={report} />
          ))}
        </ul>
      )}
      <Pagination query={query} basePath={basePath} next={page.cursor} />
    </section>
  );
}

/** Links to the first page (when not on it) and the next (when there is one). */
function Pagination({
  query,
  basePath,
  next,
}: {
  query: ListQuery;
  basePath: string;
  next: string | null;
}) {
  if (!query.cursor && !next) return null;
  const first = searchFromQuery(withoutCursor(query));
  return (
    <nav class="govuk-pagination" aria-label="Pages of reports">
      <ul class="govuk-pagination__list snag-pagination">
        {query.cursor && (
          <li class="govuk-pagination__item">
            <a
              class="govuk-link govuk-pagination__link"
              href={`${basePath}${first}`}
            >
              First page
            </a>
          </li>
        )}
        {next && (
          <li class="govuk-pagination__item">
            <a
              class="govuk-link govuk-pagination__link"
              rel="next"
              href={`${basePath}${searchFromQuery({ ...query, cursor: next })}`}
            >
              Next page
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}

import { paths } from '../../../../protocol/api';
import { queryFromSearch, searchFromQuery, withoutCursor } from '../filters';
import { navigate } from '../router';
import FilterForm from './FilterForm';
import ReportsView from './ReportsView';

/** Props of {@link AllReports}. */
export interface AllReportsProps {
  /** The query string holding the filters. */
  search: string;
}

/** Every report, filtered, sorted and paged on the server, with exports of the same view. */
export default function AllReports({ search }: AllReportsProps) {
  const query = queryFromSearch(search);
  const exportSearch = searchFromQuery(withoutCursor(query));
  return (
    <>
      <h1 class="govuk-heading-l" tabIndex={-1}>
        All reports
      </h1>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-one-third">
          <FilterForm
            query={query}
            onApply={(next) => navigate(`/reports${searchFromQuery(next)}`)}
          />
        </div>
        <div class="govuk-grid-column-two-thirds">
          <p class="govuk-body snag-exports">
            Export this view:{' '}
            <a
              class="govuk-link"
              href={`${paths.exportCsv}${exportSearch}`}
              download
            >
              CSV
            </a>{' '}
            ·{' '}
            <a
              class="govuk-link"
              href={`${paths.exportJsonLd}${exportSearch}`}
              download
            >
              Web Annotation JSON-LD
            </a>
          </p>
          <ReportsView
            query={query}
            basePath="/reports"
            noun={['report', 'reports']}
          />
        </div>
      </div>
    </>
  );
}

import { INBOX_QUERY, queryFromSearch } from '../filters';
import ReportsView from './ReportsView';

/** Props of {@link Inbox}. */
export interface InboxProps {
  /** The query string; only its page cursor is read. */
  search: string;
}

/** New reports nobody has triaged yet, newest first. */
export default function Inbox({ search }: InboxProps) {
  const { cursor } = queryFromSearch(search);
  return (
    <>
      <h1 class="govuk-heading-l" tabIndex={-1}>
        Inbox
      </h1>
      <p class="govuk-body">
        New reports that nobody has triaged yet, newest first.{' '}
        <a class="govuk-link" href="/reports?status=new">
          Filter these reports
        </a>
      </p>
      <ReportsView
        query={{ ...INBOX_QUERY, cursor }}
        basePath="/"
        noun={['new report', 'new reports']}
      />
    </>
  );
}

import { useState } from 'preact/hooks';
import { paths, type ReportList } from '../../../../protocol/api';
import type { StoredReport } from '../../../../protocol/report';
import { describeError, request } from '../api';

/** Props of {@link DuplicatePicker}. */
export interface DuplicatePickerProps {
  /** The report being triaged; it cannot be a duplicate of itself. */
  reportId: string;
  /** The id of the original report, or null. */
  value: string | null;
  /** Called with the chosen original, or null to clear. */
  onChange: (id: string | null) => void;
}

/** The search for an original: its term, its results and what went wrong. */
function useReportSearch(reportId: string) {
  const [term, setTerm] = useState('');
  const [results, setResults] = useState<StoredReport[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const search = async () => {
    if (!term.trim()) return;
    setError(null);
    try {
      const params = new URLSearchParams({ q: term.trim(), limit: '8' });
      const page = await request<ReportList>(
        `${paths.reports}?${params.toString()}`,
      );
      setResults(page.reports.filter((r) => r.id !== reportId));
    } catch (e) {
      setError(describeError(e));
    }
  };
  return { term, setTerm, results, error, search };
}

/** "Duplicate of": search the reports by text and choose the original one. */
export default function DuplicatePicker({
  reportId,
  value,
  onChange,
}: DuplicatePickerProps) {
  const { term, setTerm, results, error, search } = useReportSearch(reportId);
  return (
    <div class="govuk-form-group snag-duplicate">
      <fieldset class="govuk-fieldset" aria-describedby="duplicate-current">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
          Duplicate of
        </legend>
        <CurrentOriginal value={value} onChange={onChange} />
        <label class="govuk-label" for="duplicate-search">
          Search for the original report
        </label>
        <div class="snag-search-row">
          <input
            class="govuk-input"
            id="duplicate-search"
            type="search"
            value={term}
            onInput={(e) => setTerm(e.currentTarget.value)}
            onKeyDown={(e) => {
              // Enter searches here rather than saving the whole triage form.
              if (e.key === 'Enter') {
                e.preventDefault();
                void search();
              }
            }}
          />
          <button
            type="button"
            class="govuk-button govuk-button--secondary"
            onClick={() => void search()}
          >
            Search reports
          </button>
        </div>
        {error && <p class="govuk-error-message">{error}</p>}
        {results && (
          <SearchResults results={results} value={value} onChange={onChange} />
        )}
      </fieldset>
    </div>
  );
}

/** Which report this one duplicates, if any, with a way to say it does not. */
function CurrentOriginal({
  value,
  onChange,
}: Pick<DuplicatePickerProps, 'value' | 'onChange'>) {
  return (
    <p class="govuk-body-s" id="duplicate-current">
      {value ? (
        <>
          Marked as a duplicate of{' '}
          <a class="govuk-link" href={`/reports/${encodeURIComponent(value)}`}>
            report {value.slice(-8)}
          </a>
          .{' '}
          <button
            type="button"
            class="govuk-button govuk-button--secondary snag-inline-button"
            onClick={() => onChange(null)}
          >
            Not a duplicate
          </button>
        </>
      ) : (
        'Not marked as a duplicate.'
      )}
    </p>
  );
}

/** The reports a search found, each with a button to choose it as the original. */
function SearchResults({
  results,
  value,
  onChange,
}: Pick<DuplicatePickerProps, 'value' | 'onChange'> & {
  results: StoredReport[];
}) {
  return (
    <div role="status">
      {results.length === 0 ? (
        <p class="govuk-body-s">No matching reports.</p>
      ) : (
        <ul class="govuk-list snag-duplicate-results">
          {results.map((r) => (
            <li key={r.id}>
              <button
                type="button"
                class="govuk-button govuk-button--secondary snag-inline-button"
                aria-pressed={value === r.id}
                onClick={() => onChange(r.id)}
              >
                Choose
                <span class="govuk-visually-hidden">
                  {' '}
                  “{r.trying}” as the original
                </span>
              </button>{' '}
              <span class="govuk-body-s">
                {r.trying} ({r.page.service})
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

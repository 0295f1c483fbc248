import { useState } from 'preact/hooks';
import type { StoredReport } from '../../../../protocol/report';
import { describeError, request, type ReportPage } from '../api';

/** Props of {@link DuplicatePicker}. */
export interface DuplicatePickerProps {
  /** The report being triaged; it cannot be a duplicate of itself. */
  reportId: string;
  /** The id of the original report, or null. */
  value: string | null;
  /** Called with the chosen original, or null to clear. */
  onChange: (id: string | null) => void;
}

/** "Duplicate of": search the reports by text and choose the original one. */
export default function DuplicatePicker({
  reportId,
  value,
  onChange,
}: DuplicatePickerProps) {
  const [term, setTerm] = useState('');
  const [results, setResults] = useState<StoredReport[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const search = async () => {
    if (!term.trim()) return;
    setError(null);
    try {
      const params = new URLSearchParams({ q: term.trim(), limit: '8' });
      const page = await request<ReportPage>(`/reports?${params.toString()}`);
      setResults(page.reports.filter((r) => r.id !== reportId));
    } catch (e) {
      setError(describeError(e));
    }
  };

  return (
    <div class="govuk-form-group snag-duplicate">
      <fieldset class="govuk-fieldset" aria-describedby="duplicate-current">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
          Duplicate of
        </legend>
        <p class="govuk-body-s" id="duplicate-current">
          {value ? (
            <>
              Marked as a duplicate of{' '}
              <a
                class="govuk-link"
                href={`/reports/${encodeURIComponent(value)}`}
              >
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
        )}
      </fieldset>
    </div>
  );
}

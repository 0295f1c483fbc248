import { useEffect, useState } from 'preact/hooks';
import { paths } from '../../../../protocol/api';
import type { AuditEntry, AuditPage } from '../../../../protocol/audit';
import { describeError, request } from '../api';
import { formatTime } from '../labels';

/** Props of {@link Audit}. */
export type AuditProps = Record<string, never>;

/** What each action is called on the page. */
const ACTION_LABELS: Record<AuditEntry['action'], string> = {
  'sign-in': 'Signed in',
  export: 'Exported',
  triage: 'Triaged',
  redaction: 'Redacted',
  'personal-data-cleared': 'Cleared personal data',
  'user-added': 'Added a user',
  'user-revoked': 'Revoked a user',
  'device-signed-out': 'Signed out a device',
  retention: 'Retention run',
};

/** The audit log a page at a time, newest first. */
function useAudit() {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const load = (from: string | null) => {
    setLoading(true);
    const query = from ? `?cursor=${encodeURIComponent(from)}` : '';
    request<AuditPage>(`${paths.audit}${query}`)
      .then((page) => {
        setEntries((old) => (from ? [...old, ...page.entries] : page.entries));
        setCursor(page.cursor);
      })
      .catch((e: unknown) => setError(describeError(e)))
      .finally(() => setLoading(false));
  };
  useEffect(() => load(null), []);
  return { entries, cursor, loading, error, more: () => load(cursor) };
}

/** Details of an entry in words: the facts it carries, never report text. */
function details(entry: AuditEntry): string {
  return Object.entries(entry.detail)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('; ');
}

/** The admin's Audit page: who did what, when and from where, and its CSV export. */
export default function Audit(_props: AuditProps) {
  const { entries, cursor, loading, error, more } = useAudit();
  return (
    <>
      <h1 class="govuk-heading-l">Audit</h1>
      <p class="govuk-body">
        Sign-ins, exports, triage, redactions, user and token changes and
        retention runs. No report text is kept here.{' '}
        <a class="govuk-link" href={paths.auditCsv} download>
          Download the audit log as CSV
        </a>
      </p>
      {error && <p class="govuk-error-message">{error}</p>}
      <div class="snag-table-wrap">
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-visually-hidden">
            Audit log
          </caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              {['When', 'Who', 'What', 'On', 'Details', 'From'].map((h) => (
                <th scope="col" class="govuk-table__header" key={h}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {entries.map((e) => (
              <tr class="govuk-table__row" key={e.id}>
                <td class="govuk-table__cell">{formatTime(e.at)}</td>
                <td class="govuk-table__cell">{e.actor?.name ?? 'Snag'}</td>
                <td class="govuk-table__cell">{ACTION_LABELS[e.action]}</td>
                <td class="govuk-table__cell snag-break">{e.target ?? ''}</td>
                <td class="govuk-table__cell snag-break">{details(e)}</td>
                <td class="govuk-table__cell">{e.address ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {loading && <p class="govuk-body">Loading the audit log…</p>}
      {!loading && entries.length === 0 && !error && (
        <p class="govuk-body">Nothing has been recorded yet.</p>
      )}
      {cursor && !loading && (
        <button
          type="button"
          class="govuk-button govuk-button--secondary"
          onClick={more}
        >
          Show older entries
        </button>
      )}
    </>
  );
}

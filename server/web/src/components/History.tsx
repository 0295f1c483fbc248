import type { HistoryEntry } from '../../../../protocol/api';
import { FIELD_LABELS, describeValue, formatTime } from '../labels';
import TeamTag from './TeamTag';

/** Props of {@link History}. */
export interface HistoryProps {
  /** Triage changes, oldest first. */
  entries: HistoryEntry[];
}

/** Who changed the triage, when, and from what to what, with the team they speak for. */
export default function History({ entries }: HistoryProps) {
  return (
    <section aria-labelledby="history-heading" class="snag-section">
      <h2 class="govuk-heading-m" id="history-heading">
        Triage history
      </h2>
      {entries.length === 0 ? (
        <p class="govuk-body-s">No triage changes yet.</p>
      ) : (
        <ol class="snag-history">
          {entries.map((entry, i) => (
            <li key={`${entry.at}-${i}`} class="govuk-body-s">
              <strong>{entry.author.name}</strong>{' '}
              <TeamTag team={entry.author.team} />{' '}
              <time dateTime={entry.at}>{formatTime(entry.at)}</time>
              <ul class="govuk-list govuk-body-s">
                {Object.entries(entry.changes).map(([field, change]) => (
                  <li key={field}>
                    {FIELD_LABELS[field] ?? field}:{' '}
                    {describeValue(field, change[0])} →{' '}
                    {describeValue(field, change[1])}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

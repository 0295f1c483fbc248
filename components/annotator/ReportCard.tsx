import type { PageReport } from '@/utils/messaging';
import { msg, t } from '@/utils/i18n';
import { quoteOf, reportCode } from './labels';

/** Props of an opened report. */
export interface ReportCardProps {
  report: PageReport;
  /** Sets the user's "me too" on a colleague's report. */
  onVote: (on: boolean) => void;
  /** Brings the report's first note into view on the page. */
  onShow: () => void;
  onClose: () => void;
}

/**
 * A report opened from its mark or from the list: what it says, its status, and for a
 * colleague's report a "me too" toggle (`aria-pressed`) with an explicit undo.
 */
export default function ReportCard({ report, ...props }: ReportCardProps) {
  const voted = Boolean(report.votedByMe);
  return (
    <section
      id="snag-open-report"
      tabIndex={-1}
      class="snag-card"
      aria-labelledby="snag-open-report-heading"
    >
      <h2 id="snag-open-report-heading">
        {report.mine ? t('yourReport') : t('colleagueReport')} ·{' '}
        {t('reportLabel', reportCode(report.id))}
      </h2>
      <p>{report.summary}</p>
      {report.status && (
        <p class="meta">{msg(`status_${report.status.replace(/-/g, '_')}`)}</p>
      )}
      <ol class="annotations">
        {report.annotations.map((a) => (
          <li key={a.id}>
            {quoteOf(a) && <q class="quote">{quoteOf(a)}</q>}
            {a.note && <p>{a.note}</p>}
          </li>
        ))}
      </ol>
      {!report.mine && (
        <p>
          <button
            type="button"
            aria-pressed={voted}
            onClick={(e) => e.isTrusted && !voted && props.onVote(true)}
          >
            {t('meToo')}
            {report.votes !== undefined && ` (${report.votes})`}
          </button>{' '}
          {voted && (
            <button
              type="button"
              class="link"
              onClick={(e) => e.isTrusted && props.onVote(false)}
            >
              {t('undoMeToo')}
            </button>
          )}
        </p>
      )}
      <button type="button" class="link" onClick={props.onShow}>
        {t('showOnPage')}
      </button>{' '}
      <button type="button" class="link" onClick={props.onClose}>
        {t('closeReport')}
      </button>
    </section>
  );
}

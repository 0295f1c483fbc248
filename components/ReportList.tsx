import type { ListedReport } from '@/utils/reports';
import { syncLabel } from '@/utils/sync/state';
import { msg, t } from '@/utils/i18n';

/** Props of the reporter's own list of reports. */
export interface ReportListProps {
  /** Reports, newest first, as read (and checked) from the device. */
  reports: ListedReport[];
  /** Whether a server is connected, which decides how sync state reads. */
  connected: boolean;
  /** Asks to send a failed report again. */
  onRetry?: (id: string) => void;
  /** Opens a report for editing; the new version goes through the outbox like any other. */
  onEdit?: (id: string) => void;
  /** Exports an unreadable record so it is not lost. */
  onExportRaw: (id: string, raw: unknown) => void;
}

const dateFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
});

/** "Your reports": each report with its page, date and where it stands. */
export default function ReportList(props: ReportListProps) {
  if (props.reports.length === 0) {
    return (
      <ul aria-label={t('yourReports')} class="reports">
        <li class="empty">{t('noReportsYet')}</li>
      </ul>
    );
  }
  return (
    <ul aria-label={t('yourReports')} class="reports">
      {props.reports.map((item) => {
        if (!item.ok) {
          return (
            <li key={item.id} class="unreadable">
              <p>{t('reportUnreadable')}</p>
              <button
                type="button"
                onClick={() => props.onExportRaw(item.id, item.raw)}
              >
                {t('exportUnreadable')}
              </button>
            </li>
          );
        }
        const { record } = item;
        const r = record.report;
        const label = syncLabel(record, props.connected);
        const status = record.server?.status;
        return (
          <li key={record.id}>
            <p class="report-title">{r.page.title || r.page.url}</p>
            <p class="report-text">{r.whatHappened}</p>
            <p class="meta">
              <time dateTime={r.createdAt}>
                {dateFormat.format(new Date(r.createdAt))}
              </time>
              {' · '}
              <span class={`sync sync-${record.sync}`}>{label}</span>
              {status && status !== 'new' && (
                <>
                  {' · '}
                  <span class="status">
                    {msg(`status_${status.replace(/-/g, '_')}`)}
                  </span>
                </>
              )}
            </p>
            {record.server && record.server.votes > 0 && (
              <p class="meta">
                {t('votesOnReport', String(record.server.votes))}
              </p>
            )}
            {record.server?.unseenChange && (
              <p class="notice">{record.server.unseenChange}</p>
            )}
            {record.sync === 'failed' && props.onRetry && (
              <button type="button" onClick={() => props.onRetry?.(record.id)}>
                {t('retrySend')}
              </button>
            )}
            {props.onEdit && (
              <button
                type="button"
                class="link"
                onClick={() => props.onEdit?.(record.id)}
              >
                {t('editReport')}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

import type { StoredReport } from '../../../../protocol/report';
import {
  formatTime,
  PERSONAL_DATA_LABELS,
  PROBLEM_LABELS,
  RISK_LEVELS,
  SEVERITY_LEVELS,
  STATUS_LABELS,
} from '../labels';

/** Props of {@link ReportSummary}. */
export interface ReportSummaryProps {
  /** The report to summarise. */
  report: StoredReport;
}

/** One report in a list: what was being tried, where, and its triage state at a glance. */
export default function ReportSummary({ report }: ReportSummaryProps) {
  return (
    <li class="snag-report-summary">
      <h2 class="govuk-heading-s snag-report-summary__title">
        <a
          href={`/reports/${encodeURIComponent(report.id)}`}
          class="govuk-link"
        >
          {report.trying}
        </a>
      </h2>
      <p class="govuk-body-s snag-report-summary__what">
        {report.whatHappened}
      </p>
      <ul class="snag-tags" aria-label="Details">
        <li>
          <strong class={`govuk-tag snag-status snag-status--${report.status}`}>
            {STATUS_LABELS[report.status]}
          </strong>
        </li>
        {report.problems.map((p) => (
          <li key={p.kind}>
            <span class="govuk-tag govuk-tag--grey">
              {PROBLEM_LABELS[p.kind]}
            </span>
          </li>
        ))}
        {report.personalData === 'flagged' && (
          <li>
            <span class="govuk-tag govuk-tag--red">
              {PERSONAL_DATA_LABELS.flagged}
            </span>
          </li>
        )}
        {report.usabilitySeverity !== null && (
          <li>
            <span class="govuk-tag govuk-tag--blue">
              Usability{' '}
              {SEVERITY_LEVELS[report.usabilitySeverity] ??
                report.usabilitySeverity}
            </span>
          </li>
        )}
        {report.securityRisk !== null && (
          <li>
            <span class="govuk-tag govuk-tag--orange">
              Risk {RISK_LEVELS[report.securityRisk] ?? report.securityRisk}
            </span>
          </li>
        )}
      </ul>
      <p class="govuk-body-s snag-meta">
        {report.page.service} · {formatTime(report.receivedAt)} ·{' '}
        {report.author.name}
        {report.votes > 0
          ? ` · ${report.votes} ${report.votes === 1 ? 'vote' : 'votes'}`
          : ''}
        {report.assignee ? ` · Assigned to ${report.assignee}` : ''}
      </p>
    </li>
  );
}

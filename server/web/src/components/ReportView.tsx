import type { ComponentChildren } from 'preact';
import { useCallback, useEffect, useState } from 'preact/hooks';
import type { StoredReport } from '../../../../protocol/report';
import { paths, type ReportDetail } from '../../../../protocol/api';
import { describeError, request } from '../api';
import {
  AFFECTED_LABELS,
  CATEGORY_LABELS,
  DATA_LABELS,
  FREQUENCY_LABELS,
  PERSONAL_DATA_LABELS,
  PROBLEM_LABELS,
  STATUS_LABELS,
  WORKAROUND_LABELS,
  formatTime,
} from '../labels';
import { safeHref } from '../linkify';
import { useLiveEvents } from '../live';
import Annotations from './Annotations';
import Comments from './Comments';
import History from './History';
import Redaction, { FIELD_ATTRIBUTE } from './Redaction';
import TriageForm from './TriageForm';
import TeamTag from './TeamTag';

/** Props of {@link ReportView}. */
export interface ReportViewProps {
  /** The report's id, from the URL. */
  id: string;
}

/** The fragment the extension reads to open a page at a report's annotations. */
export function openOnPageHref(
  pageUrl: string,
  reportId: string,
): string | null {
  const href = safeHref(pageUrl);
  if (!href) return null;
  const url = new URL(href);
  url.hash = `snag=${encodeURIComponent(reportId)}`;
  return url.href;
}

/** The report, loaded again when it changes on the server. */
function useReport(id: string) {
  const [report, setReport] = useState<ReportDetail | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(() => {
    request<ReportDetail>(paths.report(id))
      .then((r) => {
        setReport(r);
        setError(null);
      })
      .catch((e: unknown) => setError(describeError(e)));
  }, [id]);

  useEffect(() => {
    setReport(null);
    load();
  }, [load]);

  useLiveEvents((event) => {
    if (event.type === 'reconnected') load();
    else if ('id' in event && event.id === id) load();
  });

  /** Shows a saved triage at once, keeping the history until the reload brings the new one. */
  const merge = (updated: StoredReport) =>
    setReport((r) => (r ? { ...r, ...updated, history: r.history } : r));
  return { report, error, load, merge };
}

/** One report, shareable at `/reports/:id`: what happened, where, and its triage. */
export default function ReportView({ id }: ReportViewProps) {
  const { report, error, load, merge } = useReport(id);
  if (error) return <NotAvailable error={error} />;
  if (!report) return <p class="govuk-body">Loading report…</p>;

  return (
    <>
      <a href="/reports" class="govuk-back-link">
        All reports
      </a>
      <span class="govuk-caption-m">
        {report.page.service} · <StatusText status={report.status} />
      </span>
      <h1
        class="govuk-heading-l snag-break"
        tabIndex={-1}
        {...{ [FIELD_ATTRIBUTE]: 'trying' }}
      >
        {report.trying}
      </h1>
      <div class="govuk-grid-row">
        <div class="govuk-grid-column-two-thirds">
          <WhatHappened report={report} />
          <Annotations
            annotations={report.annotations}
            screenshot={
              report.screenshot
                ? { info: report.screenshot, src: paths.screenshot(report.id) }
                : null
            }
          />
          <Environment environment={report.environment} />
          <Comments
            reportId={report.id}
            comments={report.comments}
            onPosted={load}
          />
        </div>
        <div class="govuk-grid-column-one-third">
          <TriageForm
            report={report}
            onSaved={(updated) => {
              merge(updated);
              load();
            }}
          />
          <Redaction
            report={report}
            onChanged={(updated) => {
              merge(updated);
              load();
            }}
          />
          <History entries={report.history} />
        </div>
      </div>
    </>
  );
}

/** Why the report cannot be shown, with the way back. */
function NotAvailable({ error }: { error: string }) {
  return (
    <>
      <h1 class="govuk-heading-l">Report not available</h1>
      <p class="govuk-body">{error}</p>
      <p class="govuk-body">
        <a class="govuk-link" href="/reports">
          Back to all reports
        </a>
      </p>
    </>
  );
}

/** What got in the way, where, for whom, and who said so. */
function WhatHappened({ report }: { report: StoredReport }) {
  return (
    <section aria-labelledby="what-heading" class="snag-section">
      <h2 class="govuk-heading-m" id="what-heading">
        What got in the way
      </h2>
      <p
        class="govuk-body snag-prewrap snag-break"
        {...{ [FIELD_ATTRIBUTE]: 'whatHappened' }}
      >
        {report.whatHappened}
      </p>
      <dl class="govuk-summary-list">
        <Row label="Page">
          <PageLinks report={report} />
        </Row>
        <Row label="Problems">
          <Problems problems={report.problems} />
        </Row>
        {report.personalData && (
          <Row label="Personal data">
            <strong
              class={`govuk-tag ${report.personalData === 'flagged' ? 'govuk-tag--red' : 'govuk-tag--grey'}`}
            >
              {PERSONAL_DATA_LABELS[report.personalData]}
            </strong>
          </Row>
        )}
        {report.whoIsAffected && (
          <Row label="Who is affected">
            {AFFECTED_LABELS[report.whoIsAffected]}
          </Row>
        )}
        {report.frequency && (
          <Row label="How often">{FREQUENCY_LABELS[report.frequency]}</Row>
        )}
        <Row label="Reported by">
          {report.author.name} <TeamTag team={report.author.team} />
        </Row>
        <Row label="Received">{formatTime(report.receivedAt)}</Row>
        <Row label="Votes">
          {report.votes === 0
            ? 'No one else yet'
            : `${report.votes} ${report.votes === 1 ? 'person says' : 'people say'} “me too”`}
        </Row>
      </dl>
    </section>
  );
}

/** The page the report is about, and the link that opens it at the report's notes. */
function PageLinks({ report }: { report: StoredReport }) {
  const pageHref = safeHref(report.page.url);
  const openHref = openOnPageHref(report.page.url, report.id);
  return (
    <>
      {pageHref ? (
        <a
          class="govuk-link snag-break"
          href={pageHref}
          rel="noopener noreferrer"
        >
          {report.page.title || report.page.url}
        </a>
      ) : (
        <span class="snag-break">{report.page.url}</span>
      )}
      {openHref && (
        <p class="govuk-body-s govuk-!-margin-top-2 govuk-!-margin-bottom-0">
          <a
            class="govuk-link"
            href={openHref}
            target="_blank"
            rel="noopener noreferrer"
            data-snag-open={report.id}
          >
            Open on the page
            <span class="govuk-visually-hidden"> (opens in new tab)</span>
          </a>
        </p>
      )}
    </>
  );
}

/** Each problem the report names, with its categories or workarounds and the data at stake. */
function Problems({ problems }: { problems: StoredReport['problems'] }) {
  return (
    <ul class="govuk-list">
      {problems.map((p) => (
        <li key={p.kind}>
          <strong>{PROBLEM_LABELS[p.kind]}</strong>
          {p.kind === 'hard-to-use' && p.usabilityCategories.length > 0 && (
            <>
              :{' '}
              {p.usabilityCategories.map((c) => CATEGORY_LABELS[c]).join(', ')}
            </>
          )}
          {p.kind === 'insecure-workaround' && (
            <>
              {p.workarounds.length > 0 &&
                `: ${p.workarounds.map((w) => WORKAROUND_LABELS[w]).join(', ')}`}
              . {DATA_LABELS[p.dataInvolved]}.
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The browser the report was made in. */
function Environment({
  environment,
}: {
  environment: StoredReport['environment'];
}) {
  return (
    <section aria-labelledby="environment-heading" class="snag-section">
      <h2 class="govuk-heading-m" id="environment-heading">
        Environment
      </h2>
      <dl class="govuk-summary-list govuk-summary-list--no-border">
        <Row label="Browser">
          {environment.browser} {environment.version}
        </Row>
        <Row label="Operating system">{environment.os}</Row>
        <Row label="Window size">
          {environment.viewport.width} × {environment.viewport.height}
        </Row>
        <Row label="Language">{environment.language}</Row>
        <Row label="Extension version">{environment.extensionVersion}</Row>
      </dl>
    </section>
  );
}

function StatusText({ status }: { status: StoredReport['status'] }) {
  return <>Status: {STATUS_LABELS[status]}</>;
}

function Row({
  label,
  children,
}: {
  label: string;
  children: ComponentChildren;
}) {
  return (
    <div class="govuk-summary-list__row">
      <dt class="govuk-summary-list__key">{label}</dt>
      <dd class="govuk-summary-list__value">{children}</dd>
    </div>
  );
}

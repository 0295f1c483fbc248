import type { Annotation } from '@/protocol/report';
import type { PageReport } from '@/utils/messaging';
import type { MarkFound } from '@/utils/frame-link';
import { t } from '@/utils/i18n';
import { draftKey, quoteOf, reportCode, reportKey } from './labels';

/** Props of the list of what is on the page. */
export interface PageReportsProps {
  reports: PageReport[];
  /** The draft's notes, for the ones that are lost or changed. */
  draftNotes: Annotation[];
  /** How each mark was found on the page, by key; missing until placed. */
  found: Record<string, MarkFound>;
  onOpen: (reportId: string) => void;
}

/** A line under a note that was not found exactly: lost, or found where the text changed. */
function FoundNote({
  state,
  a,
}: {
  state: MarkFound | undefined;
  a: Annotation;
}) {
  if (state === null)
    return (
      <p class="orphan">
        {t('orphanMessage')}
        {quoteOf(a) && (
          <>
            {' '}
            <q class="quote">{quoteOf(a)}</q>
          </>
        )}
      </p>
    );
  if (state === 'fuzzy') return <p class="fuzzy-note">{t('fuzzyMessage')}</p>;
  return null;
}

/**
 * "Reports on this page": each report by its code (the same for everyone), with notes the
 * page lost ("possibly fixed") or changed slightly, and the draft's own notes in the same way.
 */
export default function PageReports(props: PageReportsProps) {
  const troubled = props.draftNotes
    .map((a, i) => ({ a, i, state: props.found[draftKey(a)] }))
    .filter((n) => n.state === null || n.state === 'fuzzy');
  if (props.reports.length === 0 && troubled.length === 0) return null;
  return (
    <section aria-labelledby="snag-page-reports">
      <h2 id="snag-page-reports">{t('pageReportsHeading')}</h2>
      <ul class="snag-page-reports">
        {props.reports.map((r) => (
          <li key={r.id}>
            <button
              type="button"
              class="link"
              onClick={() => props.onOpen(r.id)}
            >
              {t('reportPinLabel', reportCode(r.id), r.summary)}
            </button>
            {r.annotations.map((a) => (
              <FoundNote
                key={a.id}
                a={a}
                state={props.found[reportKey(r.id, a)]}
              />
            ))}
          </li>
        ))}
        {troubled.map(({ a, i, state }) => (
          <li key={a.id}>
            {t('noteLabel', String(i + 1))}: <FoundNote a={a} state={state} />
          </li>
        ))}
      </ul>
    </section>
  );
}

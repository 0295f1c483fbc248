import type { ReportInput } from '@/protocol/report';
import ReportForm from '@/components/ReportForm';
import { draftToReport } from '@/utils/report-draft';
import { t } from '@/utils/i18n';
import type { FieldErrors } from '@/utils/report-validation';
import type { AnnotatorApi } from './api';
import ScreenshotPreview from './ScreenshotPreview';
import type { useDraft } from './useDraft';

/** Props of the panel's composer. */
export interface ComposerProps {
  /** Talks to the background. */
  api: AnnotatorApi;
  /** The page's draft. */
  d: ReturnType<typeof useDraft>;
  /** After a report is saved and the draft cleared. */
  onSaved: () => Promise<void>;
}

/**
 * The composer: "New report" while there is no draft, then the popup's own report form for
 * the draft, with its screenshot.
 */
export default function Composer({ api, d, onSaved }: ComposerProps) {
  const build = (draft: Parameters<typeof draftToReport>[0]): ReportInput =>
    draftToReport(draft, d.context!.page, d.context!.environment);

  const validate = async (report: ReportInput): Promise<FieldErrors | null> => {
    const answer = await api.validateReport(report);
    return answer.ok ? answer.value : { form: t('saveFailed', answer.error) };
  };

  const onSave = async (report: ReportInput): Promise<string | null> => {
    const answer = await api.saveReport(
      report,
      report.screenshot ? d.screenshot?.dataUrl : undefined,
    );
    if (!answer.ok) return t('saveFailed', answer.error);
    d.clear();
    await onSaved();
    return null;
  };

  return (
    <>
      {d.context && !d.draft && (
        <button
          type="button"
          class="primary"
          onClick={() => void d.commit(d.current())}
        >
          {t('newReport')}
        </button>
      )}
      {d.draft && d.context && (
        <section aria-labelledby="snag-new-report">
          <h2 id="snag-new-report">{t('newReportHeading')}</h2>
          <ReportForm
            key={d.formKey}
            initial={d.draft}
            build={build}
            onDraftChange={d.onFormChange}
            validate={validate}
            onSave={onSave}
          >
            {d.screenshot ? (
              <ScreenshotPreview shot={d.screenshot} onRemove={d.detach} />
            ) : null}
          </ReportForm>
        </section>
      )}
    </>
  );
}

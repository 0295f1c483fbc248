import type { JSX } from 'preact';
import { FREQUENCIES, WHO_IS_AFFECTED } from '@/protocol/constants';
import type { ReportInput } from '@/protocol/report';
import type { ReportDraft } from '@/utils/report-draft';
import { t } from '@/utils/i18n';
import type { FieldErrors } from '@/utils/report-validation';
import PersonalDataWarning from './PersonalDataWarning';
import { useReportForm } from './report-form/useReportForm';
import ProblemFields from './report-form/ProblemFields';
import ChoiceGroup from './report-form/ChoiceGroup';
import AnswerField from './report-form/AnswerField';
import AnnotationNotes from './report-form/AnnotationNotes';

/** Props of the report form, shared by the popup and the annotator's composer. */
export interface ReportFormProps {
  /** The draft to show; the form keeps its own copy from then on. */
  initial: ReportDraft;
  /** Builds the report from the draft (page, environment and clock come from the caller). */
  build: (draft: ReportDraft) => ReportInput;
  /** Called on every change, to autosave the draft. */
  onDraftChange?: (draft: ReportDraft) => void;
  /**
   * Checks the built report against the schema; answers messages keyed by field, or null
   * when it is valid. The popup checks in place; the annotator asks the background.
   */
  validate: (
    report: ReportInput,
  ) => FieldErrors | null | Promise<FieldErrors | null>;
  /** Saves the report; answers an error message, or null on success. */
  onSave: (report: ReportInput) => Promise<string | null>;
  /** Called when the reporter removes an annotation. */
  onRemoveAnnotation?: (id: string) => void;
  /** Extra content shown above the save button (e.g. the annotator's screenshot preview). */
  children?: JSX.Element | JSX.Element[] | null;
}

/** The friction report form: problem kinds, details, the two questions, then save. */
export default function ReportForm(props: ReportFormProps) {
  const form = useReportForm(props);
  const { draft, errors, update, refs } = form;

  const onSubmit = (event: Event) => {
    event.preventDefault();
    void form.save(false);
  };

  return (
    <form class="report-form" onSubmit={onSubmit} noValidate>
      <ProblemFields
        draft={draft}
        error={errors.problems}
        firstRef={refs.problems}
        update={update}
      />
      <ChoiceGroup
        legend={t('whoLegend')}
        name={`who-${draft.id}`}
        vocabulary="who"
        choices={WHO_IS_AFFECTED}
        value={draft.whoIsAffected}
        onChange={(whoIsAffected) => update({ whoIsAffected })}
      />
      <ChoiceGroup
        legend={t('frequencyLegend')}
        name={`frequency-${draft.id}`}
        vocabulary="frequency"
        choices={FREQUENCIES}
        value={draft.frequency}
        onChange={(frequency) => update({ frequency })}
      />
      <AnswerField
        field="trying"
        id={`trying-${draft.id}`}
        label={t('tryingLabel')}
        rows={3}
        value={draft.trying}
        error={errors.trying}
        fieldRef={refs.trying}
        onInput={(trying) => update({ trying })}
      />
      <AnswerField
        field="whatHappened"
        id={`what-${draft.id}`}
        label={t('whatHappenedLabel')}
        rows={4}
        value={draft.whatHappened}
        error={errors.whatHappened}
        fieldRef={refs.whatHappened}
        onInput={(whatHappened) => update({ whatHappened })}
      />
      <AnnotationNotes
        annotations={draft.annotations}
        error={errors.annotations}
        onChange={(annotations) => update({ annotations })}
        onRemove={props.onRemoveAnnotation}
      />

      {props.children}

      {form.findings && (
        <PersonalDataWarning
          findings={form.findings}
          onEdit={form.editFinding}
          onConfirm={() => void form.save(true)}
        />
      )}
      <FormAlert message={errors.form} />
      <FormAlert message={form.saveError} />
      <button type="submit" class="primary" disabled={form.saving}>
        {t('saveReport')}
      </button>
    </form>
  );
}

/** A message about the whole form (it could not be checked or saved), announced at once. */
function FormAlert(props: { message?: string | null }) {
  if (!props.message) return null;
  return (
    <p class="error" role="alert">
      {props.message}
    </p>
  );
}

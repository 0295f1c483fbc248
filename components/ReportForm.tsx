import { useEffect, useRef, useState } from 'preact/hooks';
import type { JSX } from 'preact';
import {
  DATA_INVOLVED,
  FREQUENCIES,
  USABILITY_CATEGORIES,
  WHO_IS_AFFECTED,
  WORKAROUNDS,
} from '@/protocol/constants';
import type { ReportInput } from '@/protocol/report';
import {
  findPersonalDataInDraft,
  type DraftField,
  type LocatedFinding,
  type ReportDraft,
} from '@/utils/report-draft';
import { msg, t } from '@/utils/i18n';
import type { FieldErrors } from '@/utils/report-validation';
import PersonalDataWarning from './PersonalDataWarning';

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

const key = (prefix: string, value: string) =>
  msg(`${prefix}_${value.replace(/-/g, '_')}`);

/** The friction report form: problem kinds, details, the two questions, then save. */
export default function ReportForm(props: ReportFormProps) {
  const [draft, setDraft] = useState<ReportDraft>(props.initial);
  const [errors, setErrors] = useState<Partial<Record<DraftField, string>>>({});
  const [findings, setFindings] = useState<LocatedFinding[] | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const refs = {
    problems: useRef<HTMLInputElement>(null),
    trying: useRef<HTMLTextAreaElement>(null),
    whatHappened: useRef<HTMLTextAreaElement>(null),
  };

  // Annotations are added from outside (the annotator), so follow the caller's list.
  useEffect(() => {
    setDraft((d) => ({
      ...d,
      annotations: props.initial.annotations,
      screenshot: props.initial.screenshot,
    }));
  }, [props.initial.annotations, props.initial.screenshot]);

  const update = (patch: Partial<ReportDraft>) => {
    setDraft((d) => {
      const next = { ...d, ...patch };
      props.onDraftChange?.(next);
      return next;
    });
    setFindings(null);
  };

  const toggle = <T extends string>(list: T[], value: T, on: boolean): T[] =>
    on
      ? [...list.filter((v) => v !== value), value]
      : list.filter((v) => v !== value);

  // One save at a time: checking may wait on the background, and a second click or Enter
  // meanwhile must not save the report twice.
  const busy = useRef(false);
  const save = async (confirmedPersonalData: boolean) => {
    if (busy.current) return;
    busy.current = true;
    try {
      setSaveError(null);
      const report = props.build(draft);
      const invalid = await props.validate(report);
      setErrors(invalid ?? {});
      if (invalid) {
        const first = (['problems', 'trying', 'whatHappened'] as const).find(
          (f) => invalid[f],
        );
        if (first) refs[first].current?.focus();
        return;
      }
      if (!confirmedPersonalData) {
        const found = findPersonalDataInDraft(draft);
        if (found.length > 0) {
          setFindings(found);
          return;
        }
      }
      setSaving(true);
      const error = await props.onSave(report);
      setSaving(false);
      setFindings(null);
      if (error) setSaveError(error);
    } finally {
      busy.current = false;
    }
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    void save(false);
  };

  const errorId = (field: DraftField) => `report-error-${field}`;
  const fieldError = (field: DraftField) =>
    errors[field] ? (
      <p class="error" id={errorId(field)}>
        <span class="visually-hidden">{t('errorPrefix')} </span>
        {errors[field]}
      </p>
    ) : null;

  return (
    <form class="report-form" onSubmit={onSubmit} noValidate>
      <fieldset
        aria-describedby={errors.problems ? errorId('problems') : undefined}
      >
        <legend>{t('problemLegend')}</legend>
        {fieldError('problems')}
        <label class="check">
          <input
            ref={refs.problems}
            type="checkbox"
            checked={draft.hardToUse}
            onChange={(e) => update({ hardToUse: e.currentTarget.checked })}
          />
          {t('problemHardToUse')}
        </label>
        {draft.hardToUse && (
          <fieldset class="nested">
            <legend>{t('categoriesLegend')}</legend>
            {USABILITY_CATEGORIES.map((c) => (
              <label class="check" key={c}>
                <input
                  type="checkbox"
                  checked={draft.usabilityCategories.includes(c)}
                  onChange={(e) =>
                    update({
                      usabilityCategories: toggle(
                        draft.usabilityCategories,
                        c,
                        e.currentTarget.checked,
                      ),
                    })
                  }
                />
                {key('category', c)}
              </label>
            ))}
          </fieldset>
        )}
        <label class="check">
          <input
            type="checkbox"
            checked={draft.insecureWorkaround}
            onChange={(e) =>
              update({ insecureWorkaround: e.currentTarget.checked })
            }
          />
          {t('problemInsecure')}
        </label>
        {draft.insecureWorkaround && (
          <fieldset class="nested">
            <legend>{t('workaroundsLegend')}</legend>
            {WORKAROUNDS.map((w) => (
              <label class="check" key={w}>
                <input
                  type="checkbox"
                  checked={draft.workarounds.includes(w)}
                  onChange={(e) =>
                    update({
                      workarounds: toggle(
                        draft.workarounds,
                        w,
                        e.currentTarget.checked,
                      ),
                    })
                  }
                />
                {key('workaround', w)}
              </label>
            ))}
            <label class="block">
              {t('dataLabel')}
              <select
                value={draft.dataInvolved}
                onChange={(e) =>
                  update({
                    dataInvolved: e.currentTarget
                      .value as ReportDraft['dataInvolved'],
                  })
                }
              >
                {DATA_INVOLVED.map((d) => (
                  <option value={d} key={d}>
                    {key('data', d)}
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
        )}
      </fieldset>

      <fieldset>
        <legend>{t('whoLegend')}</legend>
        <div class="inline">
          {WHO_IS_AFFECTED.map((w) => (
            <label class="check" key={w}>
              <input
                type="radio"
                name={`who-${draft.id}`}
                checked={draft.whoIsAffected === w}
                onChange={() => update({ whoIsAffected: w })}
              />
              {key('who', w)}
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('frequencyLegend')}</legend>
        <div class="inline">
          {FREQUENCIES.map((f) => (
            <label class="check" key={f}>
              <input
                type="radio"
                name={`frequency-${draft.id}`}
                checked={draft.frequency === f}
                onChange={() => update({ frequency: f })}
              />
              {key('frequency', f)}
            </label>
          ))}
        </div>
      </fieldset>

      <label class="block" for={`trying-${draft.id}`}>
        {t('tryingLabel')}
      </label>
      {fieldError('trying')}
      <textarea
        id={`trying-${draft.id}`}
        ref={refs.trying}
        rows={3}
        maxLength={5000}
        value={draft.trying}
        aria-invalid={errors.trying ? 'true' : undefined}
        aria-describedby={errors.trying ? errorId('trying') : undefined}
        onInput={(e) => update({ trying: e.currentTarget.value })}
      />

      <label class="block" for={`what-${draft.id}`}>
        {t('whatHappenedLabel')}
      </label>
      {fieldError('whatHappened')}
      <textarea
        id={`what-${draft.id}`}
        ref={refs.whatHappened}
        rows={4}
        maxLength={5000}
        value={draft.whatHappened}
        aria-invalid={errors.whatHappened ? 'true' : undefined}
        aria-describedby={
          errors.whatHappened ? errorId('whatHappened') : undefined
        }
        onInput={(e) => update({ whatHappened: e.currentTarget.value })}
      />

      {draft.annotations.length > 0 && (
        <fieldset>
          <legend>{t('annotationsLegend')}</legend>
          {fieldError('annotations')}
          <ol class="annotations">
            {draft.annotations.map((a, i) => {
              const quote = a.selectors.find(
                (s) => s.type === 'TextQuoteSelector',
              );
              return (
                <li key={a.id}>
                  <span class="pin-number" aria-hidden="true">
                    {i + 1}
                  </span>
                  {quote && <q class="quote">{quote.exact}</q>}
                  <label class="block">
                    {t('noteLabel', String(i + 1))}
                    <textarea
                      rows={2}
                      maxLength={2000}
                      value={a.note}
                      onInput={(e) => {
                        const note = e.currentTarget.value;
                        update({
                          annotations: draft.annotations.map((x) =>
                            x.id === a.id ? { ...x, note } : x,
                          ),
                        });
                      }}
                    />
                  </label>
                  <button
                    type="button"
                    class="link"
                    onClick={() => {
                      update({
                        annotations: draft.annotations.filter(
                          (x) => x.id !== a.id,
                        ),
                      });
                      props.onRemoveAnnotation?.(a.id);
                    }}
                  >
                    {t('removeAnnotation', String(i + 1))}
                  </button>
                </li>
              );
            })}
          </ol>
        </fieldset>
      )}

      {props.children}

      {findings && (
        <PersonalDataWarning
          findings={findings}
          onEdit={(where) => {
            setFindings(null);
            if (where === 'trying' || where === 'whatHappened')
              refs[where].current?.focus();
          }}
          onConfirm={() => void save(true)}
        />
      )}
      {errors.form && (
        <p class="error" role="alert">
          {errors.form}
        </p>
      )}
      {saveError && (
        <p class="error" role="alert">
          {saveError}
        </p>
      )}
      <button type="submit" class="primary" disabled={saving}>
        {t('saveReport')}
      </button>
    </form>
  );
}

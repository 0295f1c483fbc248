/**
 * The report form's state and its save: the draft being edited, the messages by field, the
 * personal-data check, and one save at a time.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { RefObject } from 'preact';
import type { ReportInput } from '@/protocol/report';
import {
  findPersonalDataInDraft,
  type DraftField,
  type LocatedFinding,
  type ReportDraft,
} from '@/utils/report-draft';
import type { FieldErrors } from '@/utils/report-validation';

/** What the form's state needs from its caller (see `ReportFormProps`). */
export interface ReportFormOptions {
  initial: ReportDraft;
  build: (draft: ReportDraft) => ReportInput;
  onDraftChange?: (draft: ReportDraft) => void;
  validate: (
    report: ReportInput,
  ) => FieldErrors | null | Promise<FieldErrors | null>;
  onSave: (report: ReportInput) => Promise<string | null>;
}

/** The fields that take focus when they need the reporter's attention. */
export interface FocusTargets {
  problems: RefObject<HTMLInputElement | null>;
  trying: RefObject<HTMLTextAreaElement | null>;
  whatHappened: RefObject<HTMLTextAreaElement | null>;
}

/** The form's state and what changes it. */
export interface ReportFormState {
  draft: ReportDraft;
  errors: Partial<Record<DraftField, string>>;
  /** Personal identifiers found on the last save, until the reporter edits or confirms. */
  findings: LocatedFinding[] | null;
  saving: boolean;
  saveError: string | null;
  refs: FocusTargets;
  /** Changes the draft, autosaves it, and drops the findings of the text before. */
  update: (patch: Partial<ReportDraft>) => void;
  /** Checks and saves; `confirmedPersonalData` skips the personal-data check. */
  save: (confirmedPersonalData: boolean) => Promise<void>;
  /** The reporter chose to edit what was found: focus `where` when it is a field. */
  editFinding: (where: LocatedFinding['where']) => void;
}

/** Refs to the fields that take focus. */
function useFocusTargets(): FocusTargets {
  return {
    problems: useRef<HTMLInputElement>(null),
    trying: useRef<HTMLTextAreaElement>(null),
    whatHappened: useRef<HTMLTextAreaElement>(null),
  };
}

/** Moves focus to the first field, in the form's order, that has a message. */
function focusFirstInvalid(invalid: FieldErrors, refs: FocusTargets): void {
  const first = (['problems', 'trying', 'whatHappened'] as const).find(
    (f) => invalid[f],
  );
  if (first) refs[first].current?.focus();
}

/** State and save of the report form. */
export function useReportForm(options: ReportFormOptions): ReportFormState {
  const [draft, setDraft] = useState<ReportDraft>(options.initial);
  const [errors, setErrors] = useState<Partial<Record<DraftField, string>>>({});
  const [findings, setFindings] = useState<LocatedFinding[] | null>(null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const refs = useFocusTargets();

  // Annotations are added from outside (the annotator), so follow the caller's list.
  useEffect(() => {
    setDraft((d) => ({
      ...d,
      annotations: options.initial.annotations,
      screenshot: options.initial.screenshot,
    }));
  }, [options.initial.annotations, options.initial.screenshot]);

  const update = (patch: Partial<ReportDraft>) => {
    setDraft((d) => {
      const next = { ...d, ...patch };
      options.onDraftChange?.(next);
      return next;
    });
    setFindings(null);
  };

  // One save at a time: checking may wait on the background, and a second click or Enter
  // meanwhile must not save the report twice.
  const busy = useRef(false);
  const save = async (confirmedPersonalData: boolean) => {
    if (busy.current) return;
    busy.current = true;
    try {
      setSaveError(null);
      const report = options.build(draft);
      const invalid = await options.validate(report);
      setErrors(invalid ?? {});
      if (invalid) return focusFirstInvalid(invalid, refs);
      if (!confirmedPersonalData) {
        const found = findPersonalDataInDraft(draft, report.page);
        if (found.length > 0) {
          setFindings(found);
          return;
        }
      }
      setSaving(true);
      const error = await options.onSave(report);
      setSaving(false);
      setFindings(null);
      if (error) setSaveError(error);
    } finally {
      busy.current = false;
    }
  };

  const editFinding = (where: LocatedFinding['where']) => {
    setFindings(null);
    if (where === 'trying' || where === 'whatHappened')
      refs[where].current?.focus();
  };

  return {
    draft,
    errors,
    findings,
    saving,
    saveError,
    refs,
    update,
    save,
    editFinding,
  };
}

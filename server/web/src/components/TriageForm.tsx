import { useRef, useState } from 'preact/hooks';
import {
  paths,
  type TriageChange,
  type TriageConflict,
} from '../../../../protocol/api';
import {
  STATUSES,
  TRIAGE_FIELDS,
  type Status,
  type StoredReport,
} from '../../../../protocol/report';
import { ApiError, describeError, request } from '../api';
import {
  RISK_LEVELS,
  RISK_RUBRIC,
  SEVERITY_LEVELS,
  SEVERITY_RUBRIC,
  STATUS_LABELS,
  STATUS_RUBRIC,
} from '../labels';
import { useSession } from '../session';
import ConflictBanner, { type Conflict } from './ConflictBanner';
import DuplicatePicker from './DuplicatePicker';

/** Props of {@link TriageForm}. */
export interface TriageFormProps {
  /** The report as it was when this reviewer opened it; edits are based on its version. */
  report: StoredReport;
  /** Called with the report after a successful save, or when the reviewer reloads. */
  onSaved: (report: StoredReport) => void;
}

interface Draft {
  status: Status;
  usabilitySeverity: string;
  securityRisk: string;
  assignee: string;
  duplicateOf: string | null;
}

/** What the last save came to, shown above the button. */
type Message = { kind: 'error' | 'success'; text: string };

function draftOf(report: StoredReport): Draft {
  return {
    status: report.status,
    usabilitySeverity:
      report.usabilitySeverity === null ? '' : String(report.usabilitySeverity),
    securityRisk:
      report.securityRisk === null ? '' : String(report.securityRisk),
    assignee: report.assignee ?? '',
    duplicateOf: report.duplicateOf,
  };
}

function valuesOf(draft: Draft): Required<TriageChange> {
  return {
    status: draft.status,
    usabilitySeverity: draft.usabilitySeverity
      ? Number(draft.usabilitySeverity)
      : null,
    securityRisk: draft.securityRisk ? Number(draft.securityRisk) : null,
    assignee: draft.assignee.trim() || null,
    duplicateOf: draft.duplicateOf,
  };
}

/** The fields of `draft` that differ from `base`. */
function changesFrom(base: StoredReport, draft: Draft): TriageChange {
  const values = valuesOf(draft);
  const changes: Record<string, unknown> = {};
  for (const key of TRIAGE_FIELDS) {
    if (values[key] !== (base[key] ?? null)) changes[key] = values[key];
  }
  return changes as TriageChange;
}

/**
 * The triage being edited and saving it. Saves are optimistic on the report's version: a 409
 * holds the report as it now stands and who changed it.
 */
function useTriage(
  report: StoredReport,
  onSaved: (report: StoredReport) => void,
) {
  const { announce } = useSession();
  const [base, setBase] = useState(report);
  const [draft, setDraft] = useState(() => draftOf(report));
  const [conflict, setConflict] = useState<Conflict | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const [busy, setBusy] = useState(false);
  const conflictRef = useRef<HTMLDivElement>(null);

  const show = (shown: StoredReport) => {
    setBase(shown);
    setDraft(draftOf(shown));
    setConflict(null);
  };

  const save = async (against: StoredReport, changes: TriageChange) => {
    if (Object.keys(changes).length === 0) {
      setMessage({ kind: 'success', text: 'Nothing has changed.' });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const updated = await request<StoredReport>(paths.triage(report.id), {
        method: 'PATCH',
        body: { baseVersion: against.version, ...changes },
      });
      show(updated);
      setMessage({ kind: 'success', text: 'Triage saved.' });
      announce('Triage saved.');
      onSaved(updated);
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        const body = e.body as Partial<TriageConflict> | undefined;
        if (body?.current) {
          setConflict({ current: body.current, by: body.changedBy ?? null });
          requestAnimationFrame(() => conflictRef.current?.focus());
          return;
        }
      }
      setMessage({ kind: 'error', text: describeError(e) });
    } finally {
      setBusy(false);
    }
  };

  const submit = (event: Event) => {
    event.preventDefault();
    void save(base, changesFrom(base, draft));
  };

  const reload = () => {
    if (!conflict) return;
    show(conflict.current);
    setMessage({ kind: 'success', text: 'Showing the latest triage.' });
    onSaved(conflict.current);
  };

  // The reviewer's own edits, measured against what they started from, are re-applied on top.
  const overwrite = () => {
    if (!conflict) return;
    void save(conflict.current, changesFrom(base, draft));
  };

  return {
    base,
    draft,
    setDraft,
    conflict,
    conflictRef,
    message,
    busy,
    submit,
    reload,
    overwrite,
  };
}

/**
 * Triage of one report: status, the two lenses (usability severity for digital, security risk
 * for IT), assignee and duplicate. Saves are optimistic on the report's version: if someone
 * else saved first, the reviewer sees who, and chooses to reload or overwrite.
 */
export default function TriageForm({ report, onSaved }: TriageFormProps) {
  const t = useTriage(report, onSaved);
  const { draft, setDraft } = t;
  const set = (key: keyof Draft) => (value: string) =>
    setDraft((d) => ({ ...d, [key]: value }));
  return (
    <section aria-labelledby="triage-heading" class="snag-section snag-triage">
      <h2 class="govuk-heading-m" id="triage-heading">
        Triage
      </h2>
      {t.conflict && (
        <ConflictBanner
          conflict={t.conflict}
          base={t.base}
          busy={t.busy}
          bannerRef={t.conflictRef}
          onReload={t.reload}
          onOverwrite={t.overwrite}
        />
      )}
      <form onSubmit={t.submit}>
        <TriageSelect
          name="status"
          label="Status"
          rubric={STATUS_RUBRIC}
          options={STATUSES.map((s) => [s, STATUS_LABELS[s]])}
          allowUnset={false}
          value={draft.status}
          onChange={set('status')}
        />
        <TriageSelect
          name="usabilitySeverity"
          label="Usability severity"
          rubric={SEVERITY_RUBRIC}
          options={Object.entries(SEVERITY_LEVELS)}
          allowUnset
          value={draft.usabilitySeverity}
          onChange={set('usabilitySeverity')}
        />
        <TriageSelect
          name="securityRisk"
          label="Security risk"
          rubric={RISK_RUBRIC}
          options={Object.entries(RISK_LEVELS)}
          allowUnset
          value={draft.securityRisk}
          onChange={set('securityRisk')}
        />
        <AssigneeField value={draft.assignee} onInput={set('assignee')} />
        <DuplicatePicker
          reportId={report.id}
          value={draft.duplicateOf}
          onChange={(duplicateOf) =>
            setDraft((d) => ({
              ...d,
              duplicateOf,
              // Marking a duplicate closes it; clearing the mark leaves the status to the reviewer.
              status: duplicateOf ? 'duplicate' : d.status,
            }))
          }
        />
        {t.message && (
          <p
            class={
              t.message.kind === 'error'
                ? 'govuk-error-message'
                : 'govuk-body snag-saved'
            }
            role={t.message.kind === 'error' ? 'alert' : 'status'}
          >
            {t.message.text}
          </p>
        )}
        <button type="submit" class="govuk-button" disabled={t.busy}>
          Save triage
        </button>
      </form>
    </section>
  );
}

/** A triage control chosen from a scale, with its rubric. */
function TriageSelect({
  name,
  label,
  rubric,
  options,
  allowUnset,
  value,
  onChange,
}: {
  name: 'status' | 'usabilitySeverity' | 'securityRisk';
  label: string;
  rubric: string;
  options: [string, string][];
  allowUnset: boolean;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--s" for={`triage-${name}`}>
        {label}
      </label>
      <div class="govuk-hint snag-rubric" id={`triage-${name}-hint`}>
        {rubric}
      </div>
      <select
        class="govuk-select snag-select"
        id={`triage-${name}`}
        name={name}
        aria-describedby={`triage-${name}-hint`}
        value={value}
        onChange={(e) => onChange(e.currentTarget.value)}
      >
        {allowUnset && <option value="">Not rated</option>}
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Who will act on the report. */
function AssigneeField({
  value,
  onInput,
}: {
  value: string;
  onInput: (value: string) => void;
}) {
  return (
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--s" for="triage-assignee">
        Assignee
      </label>
      <div class="govuk-hint" id="triage-assignee-hint">
        The person or team who will act on it
      </div>
      <input
        class="govuk-input"
        id="triage-assignee"
        name="assignee"
        type="text"
        autocomplete="off"
        maxLength={200}
        aria-describedby="triage-assignee-hint"
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </div>
  );
}

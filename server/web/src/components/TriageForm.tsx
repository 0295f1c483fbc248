import { useRef, useState } from 'preact/hooks';
import {
  STATUSES,
  type Person,
  type Status,
  type StoredReport,
} from '../../../../protocol/report';
import {
  ApiError,
  describeError,
  request,
  type TriageChange,
  type TriageConflict,
} from '../api';
import {
  FIELD_LABELS,
  RISK_LEVELS,
  RISK_RUBRIC,
  SEVERITY_LEVELS,
  SEVERITY_RUBRIC,
  STATUS_LABELS,
  STATUS_RUBRIC,
  describeValue,
} from '../labels';
import { useSession } from '../session';
import DuplicatePicker from './DuplicatePicker';
import TeamTag from './TeamTag';

/** Props of {@link TriageForm}. */
export interface TriageFormProps {
  /** The report as it was when this reviewer opened it; edits are based on its version. */
  report: StoredReport;
  /** Called with the report after a successful save, or when the reviewer reloads. */
  onSaved: (report: StoredReport) => void;
}

type TriageKey = keyof TriageChange;
const KEYS: TriageKey[] = [
  'status',
  'usabilitySeverity',
  'securityRisk',
  'assignee',
  'duplicateOf',
];

interface Draft {
  status: Status;
  usabilitySeverity: string;
  securityRisk: string;
  assignee: string;
  duplicateOf: string | null;
}

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
  for (const key of KEYS) {
    if (values[key] !== (base[key] ?? null)) changes[key] = values[key];
  }
  return changes as TriageChange;
}

/**
 * Triage of one report: status, the two lenses (usability severity for digital, security risk
 * for IT), assignee and duplicate. Saves are optimistic on the report's version: if someone
 * else saved first, the reviewer sees who, and chooses to reload or overwrite.
 */
export default function TriageForm({ report, onSaved }: TriageFormProps) {
  const { announce } = useSession();
  const [base, setBase] = useState(report);
  const [draft, setDraft] = useState(() => draftOf(report));
  const [conflict, setConflict] = useState<{
    current: StoredReport;
    by: Person | null;
  } | null>(null);
  const [message, setMessage] = useState<{
    kind: 'error' | 'success';
    text: string;
  } | null>(null);
  const [busy, setBusy] = useState(false);
  const conflictRef = useRef<HTMLDivElement>(null);

  const save = async (against: StoredReport, changes: TriageChange) => {
    if (Object.keys(changes).length === 0) {
      setMessage({ kind: 'success', text: 'Nothing has changed.' });
      return;
    }
    setBusy(true);
    setMessage(null);
    try {
      const updated = await request<StoredReport>(
        `/reports/${encodeURIComponent(report.id)}/triage`,
        { method: 'PATCH', body: { baseVersion: against.version, ...changes } },
      );
      setBase(updated);
      setDraft(draftOf(updated));
      setConflict(null);
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
    setBase(conflict.current);
    setDraft(draftOf(conflict.current));
    setConflict(null);
    setMessage({ kind: 'success', text: 'Showing the latest triage.' });
    onSaved(conflict.current);
  };

  // The reviewer's own edits, measured against what they started from, are re-applied on top.
  const overwrite = () => {
    if (!conflict) return;
    void save(conflict.current, changesFrom(base, draft));
  };

  const select = (
    key: 'status' | 'usabilitySeverity' | 'securityRisk',
    label: string,
    rubric: string,
    options: [string, string][],
    allowUnset: boolean,
  ) => (
    <div class="govuk-form-group">
      <label class="govuk-label govuk-label--s" for={`triage-${key}`}>
        {label}
      </label>
      <div class="govuk-hint snag-rubric" id={`triage-${key}-hint`}>
        {rubric}
      </div>
      <select
        class="govuk-select snag-select"
        id={`triage-${key}`}
        name={key}
        aria-describedby={`triage-${key}-hint`}
        value={draft[key]}
        onChange={(e) =>
          setDraft((d) => ({ ...d, [key]: e.currentTarget.value }))
        }
      >
        {allowUnset && <option value="">Not rated</option>}
        {options.map(([value, name]) => (
          <option key={value} value={value}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <section aria-labelledby="triage-heading" class="snag-section snag-triage">
      <h2 class="govuk-heading-m" id="triage-heading">
        Triage
      </h2>
      {conflict && (
        <div
          class="govuk-notification-banner snag-conflict"
          role="alert"
          aria-labelledby="conflict-title"
          tabIndex={-1}
          ref={conflictRef}
        >
          <div class="govuk-notification-banner__header">
            <h3 class="govuk-notification-banner__title" id="conflict-title">
              Not saved
            </h3>
          </div>
          <div class="govuk-notification-banner__content">
            <p class="govuk-notification-banner__heading">
              Changed by {conflict.by?.name ?? 'someone else'} meanwhile
              {conflict.by && (
                <>
                  {' '}
                  <TeamTag team={conflict.by.team} />
                </>
              )}
            </p>
            <ConflictDiff base={base} current={conflict.current} />
            <p class="govuk-body">
              Reload to see their triage, or overwrite it with yours.
            </p>
            <div class="govuk-button-group">
              <button
                type="button"
                class="govuk-button"
                onClick={reload}
                disabled={busy}
              >
                Reload
              </button>
              <button
                type="button"
                class="govuk-button govuk-button--warning"
                onClick={overwrite}
                disabled={busy}
              >
                Overwrite
              </button>
            </div>
          </div>
        </div>
      )}
      <form onSubmit={submit}>
        {select(
          'status',
          'Status',
          STATUS_RUBRIC,
          STATUSES.map((s) => [s, STATUS_LABELS[s]]),
          false,
        )}
        {select(
          'usabilitySeverity',
          'Usability severity',
          SEVERITY_RUBRIC,
          Object.entries(SEVERITY_LEVELS),
          true,
        )}
        {select(
          'securityRisk',
          'Security risk',
          RISK_RUBRIC,
          Object.entries(RISK_LEVELS),
          true,
        )}
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
            value={draft.assignee}
            onInput={(e) =>
              setDraft((d) => ({ ...d, assignee: e.currentTarget.value }))
            }
          />
        </div>
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
        {message && (
          <p
            class={
              message.kind === 'error'
                ? 'govuk-error-message'
                : 'govuk-body snag-saved'
            }
            role={message.kind === 'error' ? 'alert' : 'status'}
          >
            {message.text}
          </p>
        )}
        <button type="submit" class="govuk-button" disabled={busy}>
          Save triage
        </button>
      </form>
    </section>
  );
}

function ConflictDiff({
  base,
  current,
}: {
  base: StoredReport;
  current: StoredReport;
}) {
  const changed = KEYS.filter(
    (key) => (base[key] ?? null) !== (current[key] ?? null),
  );
  if (changed.length === 0) return null;
  return (
    <ul class="govuk-list govuk-list--bullet">
      {changed.map((key) => (
        <li key={key}>
          {FIELD_LABELS[key]}: now {describeValue(key, current[key])} (was{' '}
          {describeValue(key, base[key])})
        </li>
      ))}
    </ul>
  );
}

import type { RefObject } from 'preact';
import {
  TRIAGE_FIELDS,
  type Person,
  type StoredReport,
} from '../../../../protocol/report';
import { describeValue, FIELD_LABELS } from '../labels';
import TeamTag from './TeamTag';

/** Someone else's save that this reviewer's save ran into. */
export interface Conflict {
  /** The report as it now stands. */
  current: StoredReport;
  /** Who saved it, if the server said. */
  by: Person | null;
}

/** Props of {@link ConflictBanner}. */
export interface ConflictBannerProps {
  /** The save this reviewer's save ran into. */
  conflict: Conflict;
  /** The report as this reviewer last saw it. */
  base: StoredReport;
  /** Whether a save is under way, so the buttons wait. */
  busy: boolean;
  /** Focused when the banner appears, so it is read out. */
  bannerRef: RefObject<HTMLDivElement | null>;
  /** Shows the other reviewer's triage instead. */
  onReload: () => void;
  /** Saves this reviewer's changes on top of the other's. */
  onOverwrite: () => void;
}

/** "Not saved": who saved first, what they changed, and the choice to reload or overwrite. */
export default function ConflictBanner({
  conflict,
  base,
  busy,
  bannerRef,
  onReload,
  onOverwrite,
}: ConflictBannerProps) {
  return (
    <div
      class="govuk-notification-banner snag-conflict"
      role="alert"
      aria-labelledby="conflict-title"
      tabIndex={-1}
      ref={bannerRef}
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
            onClick={onReload}
            disabled={busy}
          >
            Reload
          </button>
          <button
            type="button"
            class="govuk-button govuk-button--warning"
            onClick={onOverwrite}
            disabled={busy}
          >
            Overwrite
          </button>
        </div>
      </div>
    </div>
  );
}

/** The triage fields the other save changed, old and new. */
function ConflictDiff({
  base,
  current,
}: {
  base: StoredReport;
  current: StoredReport;
}) {
  const changed = TRIAGE_FIELDS.filter(
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

import { useState } from 'preact/hooks';
import {
  PROBLEM_KINDS,
  WEBHOOK_EVENTS,
  WEBHOOK_KINDS,
  webhookPaths,
  type WebhookEvent,
  type WebhookFilters,
  type WebhookKind,
  type WebhookSummary,
} from '../../../../protocol/webhooks';
import { describeError, request } from '../api';

/** Props of {@link NotificationsForm}. */
export interface NotificationsFormProps {
  /** The subscription being edited, or null to add one. */
  editing: WebhookSummary | null;
  /** Called after saving, with the secret when a new subscription was made. */
  onSaved: (secret: string | null) => void;
  onCancel: () => void;
}

export const KIND_LABELS: Record<WebhookKind, string> = {
  standard: 'Signed webhook (Standard Webhooks)',
  teams: 'Microsoft Teams (Workflows webhook)',
  slack: 'Slack (incoming webhook)',
};

export const EVENT_LABELS: Record<WebhookEvent, string> = {
  'report.created': 'A report is sent',
  'report.triaged': 'A report is triaged',
  'report.status_changed': 'A report’s status changes',
  'comment.created': 'A comment is added',
  'report.redacted': 'A report is redacted',
};

const PROBLEM_LABELS: Record<(typeof PROBLEM_KINDS)[number], string> = {
  'hard-to-use': 'Hard to use',
  'insecure-workaround': 'Insecure workaround',
};

interface Draft {
  url: string;
  kind: WebhookKind;
  events: WebhookEvent[];
  kinds: string[];
  minSeverity: string;
  minRisk: string;
  services: string;
  includeText: boolean;
}

function draftOf(w: WebhookSummary | null): Draft {
  return {
    url: w?.url ?? '',
    kind: w?.kind ?? 'standard',
    events: w?.events ?? ['report.created'],
    kinds: w?.filters.kinds ?? [],
    minSeverity: String(w?.filters.minSeverity ?? ''),
    minRisk: String(w?.filters.minRisk ?? ''),
    services: (w?.filters.services ?? []).join(', '),
    includeText: w?.includeText ?? false,
  };
}

function filtersOf(d: Draft): WebhookFilters {
  const services = d.services
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return {
    ...(d.kinds.length ? { kinds: d.kinds as WebhookFilters['kinds'] } : {}),
    ...(services.length ? { services } : {}),
    ...(d.minSeverity ? { minSeverity: Number(d.minSeverity) } : {}),
    ...(d.minRisk ? { minRisk: Number(d.minRisk) } : {}),
  };
}

const toggle = <T,>(list: T[], item: T, on: boolean) =>
  on
    ? [...list.filter((x) => x !== item), item]
    : list.filter((x) => x !== item);

/** Checks the address as a delivery would, then saves; answers an error for the URL field. */
async function save(
  d: Draft,
  editing: WebhookSummary | null,
): Promise<{ urlError: string } | { secret: string | null }> {
  const check = await request<{ ok: boolean; message: string }>(
    webhookPaths.check,
    { method: 'POST', body: { url: d.url.trim() } },
  );
  if (!check.ok) return { urlError: check.message };
  const body = {
    url: d.url.trim(),
    events: d.events,
    filters: filtersOf(d),
    includeText: d.includeText,
  };
  if (editing) {
    await request(webhookPaths.webhook(editing.id), { method: 'PATCH', body });
    return { secret: null };
  }
  const created = await request<{ secret: string }>(webhookPaths.webhooks, {
    method: 'POST',
    body: { ...body, kind: d.kind },
  });
  return { secret: created.secret };
}

/** Adding or editing a subscription; a bad or refused address is explained before saving. */
export default function NotificationsForm(props: NotificationsFormProps) {
  const { editing } = props;
  const [d, setD] = useState<Draft>(() => draftOf(editing));
  const [urlError, setUrlError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const set = (patch: Partial<Draft>) => setD({ ...d, ...patch });
  const submit = async (event: Event) => {
    event.preventDefault();
    setError(null);
    if (d.events.length === 0) return setError('Choose at least one event.');
    try {
      const outcome = await save(d, editing);
      if ('urlError' in outcome) return setUrlError(outcome.urlError);
      setUrlError(null);
      props.onSaved(outcome.secret);
    } catch (e) {
      setError(describeError(e));
    }
  };
  const title = editing ? 'Edit the subscription' : 'Add a subscription';
  return (
    <form onSubmit={(e) => void submit(e)} noValidate aria-label={title}>
      <h3 class="govuk-heading-s">{title}</h3>
      {error && (
        <p class="govuk-error-message" role="alert">
          {error}
        </p>
      )}
      <UrlField
        value={d.url}
        error={urlError}
        onInput={(url) => set({ url })}
      />
      {!editing && (
        <KindField value={d.kind} onChange={(kind) => set({ kind })} />
      )}
      <Checks
        legend="Events"
        options={WEBHOOK_EVENTS.map((e) => [e, EVENT_LABELS[e]])}
        chosen={d.events}
        onChange={(v, on) =>
          set({ events: toggle(d.events, v as WebhookEvent, on) })
        }
      />
      <FilterFields d={d} set={set} />
      <TextConsent
        checked={d.includeText}
        onChange={(includeText) => set({ includeText })}
      />
      <div class="govuk-button-group">
        <button type="submit" class="govuk-button">
          {editing ? 'Save changes' : 'Add subscription'}
        </button>
        {editing && (
          <button
            type="button"
            class="govuk-button govuk-button--secondary"
            onClick={props.onCancel}
          >
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function UrlField(p: {
  value: string;
  error: string | null;
  onInput: (v: string) => void;
}) {
  return (
    <div class={`govuk-form-group${p.error ? ' govuk-form-group--error' : ''}`}>
      <label class="govuk-label" for="webhook-url">
        Address (URL)
      </label>
      <div class="govuk-hint" id="webhook-url-hint">
        The host must be on the allow-list below.
      </div>
      {p.error && (
        <p class="govuk-error-message" id="webhook-url-error" role="alert">
          <span class="govuk-visually-hidden">Error:</span> {p.error}
        </p>
      )}
      <input
        class={`govuk-input${p.error ? ' govuk-input--error' : ''}`}
        id="webhook-url"
        type="url"
        spellcheck={false}
        aria-describedby={`webhook-url-hint${p.error ? ' webhook-url-error' : ''}`}
        value={p.value}
        onInput={(e) => p.onInput(e.currentTarget.value)}
      />
    </div>
  );
}

function Checks(p: {
  legend: string;
  options: Array<[string, string]>;
  chosen: string[];
  onChange: (value: string, on: boolean) => void;
}) {
  return (
    <fieldset class="govuk-fieldset govuk-form-group">
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
        {p.legend}
      </legend>
      <div class="govuk-checkboxes govuk-checkboxes--small">
        {p.options.map(([value, label]) => (
          <div class="govuk-checkboxes__item" key={value}>
            <input
              class="govuk-checkboxes__input"
              type="checkbox"
              id={`check-${value}`}
              checked={p.chosen.includes(value)}
              onChange={(e) => p.onChange(value, e.currentTarget.checked)}
            />
            <label
              class="govuk-label govuk-checkboxes__label"
              for={`check-${value}`}
            >
              {label}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

function Minimum(p: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <div class="govuk-form-group">
      <label class="govuk-label" for={p.id}>
        {p.label}
      </label>
      <select
        class="govuk-select"
        id={p.id}
        value={p.value}
        onChange={(e) => p.onChange(e.currentTarget.value)}
      >
        <option value="">Any</option>
        {[1, 2, 3, 4].map((n) => (
          <option value={String(n)} key={n}>
            {n} or more
          </option>
        ))}
      </select>
    </div>
  );
}

function KindField(p: {
  value: WebhookKind;
  onChange: (kind: WebhookKind) => void;
}) {
  return (
    <div class="govuk-form-group">
      <label class="govuk-label" for="webhook-kind">
        Where it goes
      </label>
      <select
        class="govuk-select"
        id="webhook-kind"
        value={p.value}
        onChange={(e) => p.onChange(e.currentTarget.value as WebhookKind)}
      >
        {WEBHOOK_KINDS.map((k) => (
          <option value={k} key={k}>
            {KIND_LABELS[k]}
          </option>
        ))}
      </select>
    </div>
  );
}

function TextConsent(p: { checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <div class="govuk-checkboxes govuk-checkboxes--small govuk-form-group">
      <div class="govuk-checkboxes__item">
        <input
          class="govuk-checkboxes__input"
          type="checkbox"
          id="webhook-text"
          checked={p.checked}
          onChange={(e) => p.onChange(e.currentTarget.checked)}
        />
        <label class="govuk-label govuk-checkboxes__label" for="webhook-text">
          Include what the reporter wrote (never for reports flagged as personal
          data)
        </label>
      </div>
    </div>
  );
}

function FilterFields({
  d,
  set,
}: {
  d: Draft;
  set: (patch: Partial<Draft>) => void;
}) {
  return (
    <>
      <Checks
        legend="Only these problem kinds (none ticked: all)"
        options={PROBLEM_KINDS.map((k) => [k, PROBLEM_LABELS[k]])}
        chosen={d.kinds}
        onChange={(v, on) => set({ kinds: toggle(d.kinds, v, on) })}
      />
      <Minimum
        id="min-severity"
        label="Lowest usability severity"
        value={d.minSeverity}
        onChange={(minSeverity) => set({ minSeverity })}
      />
      <Minimum
        id="min-risk"
        label="Lowest security risk"
        value={d.minRisk}
        onChange={(minRisk) => set({ minRisk })}
      />
      <div class="govuk-form-group">
        <label class="govuk-label" for="webhook-services">
          Only these services (comma-separated; empty: all)
        </label>
        <input
          class="govuk-input"
          id="webhook-services"
          value={d.services}
          onInput={(e) => set({ services: e.currentTarget.value })}
        />
      </div>
    </>
  );
}

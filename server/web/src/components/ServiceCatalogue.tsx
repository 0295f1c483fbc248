import { useEffect, useState } from 'preact/hooks';
import {
  paths,
  type ReapplyAnswer,
  type ServiceEntry,
} from '../../../../protocol/api';
import { describeError, request } from '../api';

/** Props of {@link ServiceCatalogue}. */
export type ServiceCatalogueProps = Record<string, never>;

const EMPTY: ServiceEntry = { hostname: '', pathPrefix: '/', name: '' };

/** What the last action came to, shown above the form. */
type Message = { kind: 'error' | 'ok'; text: string };

/** The rows being edited, tidied for saving; null if a row is missing its hostname or name. */
function entriesToSave(rows: ServiceEntry[]): ServiceEntry[] | null {
  const entries = rows
    .map((r) => ({
      hostname: r.hostname.trim().toLowerCase(),
      pathPrefix: r.pathPrefix.trim() || '/',
      name: r.name.trim(),
    }))
    .filter((r) => r.hostname || r.name);
  return entries.some((r) => !r.hostname || !r.name) ? null : entries;
}

/** The catalogue being edited, and saving and re-applying it. */
function useCatalogue() {
  const [rows, setRows] = useState<ServiceEntry[] | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const fail = (e: unknown) =>
    setMessage({ kind: 'error', text: describeError(e) });

  useEffect(() => {
    request<ServiceEntry[]>(paths.services).then(setRows).catch(fail);
  }, []);

  const update = (index: number, key: keyof ServiceEntry, value: string) =>
    setRows((current) =>
      (current ?? []).map((row, i) =>
        i === index ? { ...row, [key]: value } : row,
      ),
    );
  const remove = (index: number) =>
    setRows((current) => (current ?? []).filter((_, j) => j !== index));
  const add = () => setRows((current) => [...(current ?? []), { ...EMPTY }]);

  const save = async (event: Event) => {
    event.preventDefault();
    const entries = entriesToSave(rows ?? []);
    if (!entries) {
      setMessage({
        kind: 'error',
        text: 'Each service needs a hostname and a name',
      });
      return;
    }
    try {
      await request(paths.services, { method: 'PUT', body: entries });
      setRows(entries);
      setMessage({
        kind: 'ok',
        text: 'Service catalogue saved. New reports will use it.',
      });
    } catch (e) {
      fail(e);
    }
  };

  const reapply = async () => {
    try {
      const { changed } = await request<ReapplyAnswer>(paths.reapplyServices, {
        method: 'POST',
        body: {},
      });
      setMessage({
        kind: 'ok',
        text: `Catalogue re-applied: ${changed} ${changed === 1 ? 'report' : 'reports'} renamed.`,
      });
    } catch (e) {
      fail(e);
    }
  };
  return { rows, message, update, remove, add, save, reapply };
}

/**
 * The service catalogue: which hostname and path prefix belong to which council service.
 * New reports are named by it; re-applying renames the reports already received.
 */
export default function ServiceCatalogue(_props: ServiceCatalogueProps) {
  const { rows, message, update, remove, add, save, reapply } = useCatalogue();
  return (
    <section aria-labelledby="services-heading" class="snag-section">
      <h2 class="govuk-heading-m" id="services-heading">
        Service catalogue
      </h2>
      <p class="govuk-body">
        Reports about pages under a hostname and path prefix are filed under the
        service’s name. The most specific match wins.
      </p>
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
      {rows === null ? (
        <p class="govuk-body">Loading services…</p>
      ) : (
        <form onSubmit={save} noValidate>
          {rows.map((row, i) => (
            <ServiceRow
              key={i}
              index={i}
              row={row}
              update={update}
              remove={remove}
            />
          ))}
          <div class="govuk-button-group">
            <button
              type="button"
              class="govuk-button govuk-button--secondary"
              onClick={add}
            >
              Add a service
            </button>
            <button type="submit" class="govuk-button">
              Save services
            </button>
            <button
              type="button"
              class="govuk-button govuk-button--secondary"
              onClick={reapply}
            >
              Re-apply to existing reports
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** One catalogue entry's fields, and the button that removes it. */
function ServiceRow({
  index: i,
  row,
  update,
  remove,
}: {
  index: number;
  row: ServiceEntry;
  update: (index: number, key: keyof ServiceEntry, value: string) => void;
  remove: (index: number) => void;
}) {
  return (
    <fieldset class="govuk-fieldset snag-service-row">
      <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
        Service {i + 1}
      </legend>
      <div class="govuk-form-group">
        <label class="govuk-label" for={`service-${i}-hostname`}>
          Hostname
        </label>
        <input
          class="govuk-input"
          id={`service-${i}-hostname`}
          type="text"
          spellcheck={false}
          value={row.hostname}
          onInput={(e) => update(i, 'hostname', e.currentTarget.value)}
        />
      </div>
      <div class="govuk-form-group">
        <label class="govuk-label" for={`service-${i}-path`}>
          Path prefix
        </label>
        <input
          class="govuk-input"
          id={`service-${i}-path`}
          type="text"
          spellcheck={false}
          value={row.pathPrefix}
          onInput={(e) => update(i, 'pathPrefix', e.currentTarget.value)}
        />
      </div>
      <div class="govuk-form-group">
        <label class="govuk-label" for={`service-${i}-name`}>
          Service name
        </label>
        <input
          class="govuk-input"
          id={`service-${i}-name`}
          type="text"
          value={row.name}
          onInput={(e) => update(i, 'name', e.currentTarget.value)}
        />
      </div>
      <button
        type="button"
        class="govuk-button govuk-button--secondary snag-inline-button"
        onClick={() => remove(i)}
      >
        Remove
        <span class="govuk-visually-hidden"> service {i + 1}</span>
      </button>
    </fieldset>
  );
}

import { useEffect, useState } from 'preact/hooks';
import { describeError, request, type ServiceRule } from '../api';

/** Props of {@link ServiceCatalogue}. */
export type ServiceCatalogueProps = Record<string, never>;

const EMPTY: ServiceRule = { hostname: '', pathPrefix: '/', name: '' };

/**
 * The service catalogue: which hostname and path prefix belong to which council service.
 * New reports are named by it; re-applying renames the reports already received.
 */
export default function ServiceCatalogue(_props: ServiceCatalogueProps) {
  const [rows, setRows] = useState<ServiceRule[] | null>(null);
  const [message, setMessage] = useState<{
    kind: 'error' | 'ok';
    text: string;
  } | null>(null);

  useEffect(() => {
    request<ServiceRule[] | { services: ServiceRule[] }>('/services')
      .then((answer) =>
        setRows(Array.isArray(answer) ? answer : answer.services),
      )
      .catch((e: unknown) =>
        setMessage({ kind: 'error', text: describeError(e) }),
      );
  }, []);

  const update = (index: number, key: keyof ServiceRule, value: string) =>
    setRows((current) =>
      (current ?? []).map((row, i) =>
        i === index ? { ...row, [key]: value } : row,
      ),
    );

  const save = async (event: Event) => {
    event.preventDefault();
    const entries = (rows ?? [])
      .map((r) => ({
        hostname: r.hostname.trim().toLowerCase(),
        pathPrefix: r.pathPrefix.trim() || '/',
        name: r.name.trim(),
      }))
      .filter((r) => r.hostname || r.name);
    if (entries.some((r) => !r.hostname || !r.name)) {
      setMessage({
        kind: 'error',
        text: 'Each service needs a hostname and a name',
      });
      return;
    }
    try {
      await request('/services', { method: 'PUT', body: entries });
      setRows(entries);
      setMessage({
        kind: 'ok',
        text: 'Service catalogue saved. New reports will use it.',
      });
    } catch (e) {
      setMessage({ kind: 'error', text: describeError(e) });
    }
  };

  const reapply = async () => {
    try {
      const answer = await request<{ changed?: number; updated?: number }>(
        '/services/reapply',
        {
          method: 'POST',
          body: {},
        },
      );
      const changed = answer?.changed ?? answer?.updated;
      setMessage({
        kind: 'ok',
        text:
          changed === undefined
            ? 'Catalogue re-applied to existing reports.'
            : `Catalogue re-applied: ${changed} ${changed === 1 ? 'report' : 'reports'} renamed.`,
      });
    } catch (e) {
      setMessage({ kind: 'error', text: describeError(e) });
    }
  };

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
            <fieldset class="govuk-fieldset snag-service-row" key={i}>
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
                  onInput={(e) =>
                    update(i, 'pathPrefix', e.currentTarget.value)
                  }
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
                onClick={() =>
                  setRows((current) =>
                    (current ?? []).filter((_, j) => j !== i),
                  )
                }
              >
                Remove
                <span class="govuk-visually-hidden"> service {i + 1}</span>
              </button>
            </fieldset>
          ))}
          <div class="govuk-button-group">
            <button
              type="button"
              class="govuk-button govuk-button--secondary"
              onClick={() =>
                setRows((current) => [...(current ?? []), { ...EMPTY }])
              }
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

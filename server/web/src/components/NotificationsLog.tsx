import { useEffect, useState } from 'preact/hooks';
import {
  webhookPaths,
  type DeliverySummary,
  type WebhookSummary,
} from '../../../../protocol/webhooks';
import { describeError, request } from '../api';
import { formatTime } from '../labels';

/** Props of {@link NotificationsLog}. */
export interface NotificationsLogProps {
  webhook: WebhookSummary;
  /** Bumped by the parent when a test event was sent, to reload. */
  version: number;
}

const STATE_LABELS: Record<DeliverySummary['state'], string> = {
  pending: 'Waiting to retry',
  delivering: 'Sending',
  delivered: 'Delivered',
  failed: 'Failed',
};

/** The last 100 deliveries to one subscription, with Redeliver. */
export default function NotificationsLog({
  webhook,
  version,
}: NotificationsLogProps) {
  const [rows, setRows] = useState<DeliverySummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [tick, setTick] = useState(0);
  const load = () => setTick((t) => t + 1);
  useEffect(() => {
    request<DeliverySummary[]>(webhookPaths.deliveries(webhook.id))
      .then((r) => {
        setRows(r);
        setError(null);
      })
      .catch((e: unknown) => setError(describeError(e)));
  }, [webhook.id, version, tick]);
  const redeliver = async (d: DeliverySummary) => {
    try {
      await request(webhookPaths.redeliver(webhook.id, d.id), {
        method: 'POST',
      });
      load();
    } catch (e) {
      setError(describeError(e));
    }
  };
  const heading = `Deliveries to ${webhook.url}`;
  return (
    <div>
      <h3 class="govuk-heading-s">{heading}</h3>
      <button
        type="button"
        class="govuk-button govuk-button--secondary"
        onClick={load}
      >
        Refresh deliveries
      </button>
      {error && (
        <p class="govuk-error-message" role="alert">
          {error}
        </p>
      )}
      {rows === null ? (
        <p class="govuk-body">Loading deliveries…</p>
      ) : rows.length === 0 ? (
        <p class="govuk-body">Nothing has been sent yet.</p>
      ) : (
        <LogTable heading={heading} rows={rows} redeliver={redeliver} />
      )}
    </div>
  );
}

function LogRow({
  delivery: d,
  redeliver,
}: {
  delivery: DeliverySummary;
  redeliver: (d: DeliverySummary) => Promise<void>;
}) {
  return (
    <tr class="govuk-table__row">
      <td class="govuk-table__cell">{formatTime(d.createdAt)}</td>
      <td class="govuk-table__cell">{d.event}</td>
      <td class="govuk-table__cell">
        {STATE_LABELS[d.state]}
        {d.error && <div class="govuk-hint">{d.error}</div>}
      </td>
      <td class="govuk-table__cell">{d.attempts}</td>
      <td class="govuk-table__cell">{d.responseStatus ?? '–'}</td>
      <td class="govuk-table__cell">
        {d.latencyMs === null ? '–' : `${d.latencyMs} ms`}
      </td>
      <td class="govuk-table__cell">
        {d.response ? <code class="snag-answer">{d.response}</code> : '–'}
      </td>
      <td class="govuk-table__cell">
        <button
          type="button"
          class="govuk-button govuk-button--secondary"
          disabled={d.state === 'delivering'}
          onClick={() => void redeliver(d)}
        >
          Redeliver<span class="govuk-visually-hidden"> {d.id}</span>
        </button>
      </td>
    </tr>
  );
}

function LogTable(p: {
  heading: string;
  rows: DeliverySummary[];
  redeliver: (d: DeliverySummary) => Promise<void>;
}) {
  const { heading, rows, redeliver } = p;
  return (
    <div class="snag-table-wrap">
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-visually-hidden">
          {heading}
        </caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            {[
              'Queued',
              'Event',
              'Status',
              'Attempts',
              'Answer',
              'Time taken',
              'Answer text',
              'Action',
            ].map((h) => (
              <th scope="col" class="govuk-table__header" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {rows.map((d) => (
            <LogRow key={d.id} delivery={d} redeliver={redeliver} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

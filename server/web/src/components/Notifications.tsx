import { useEffect, useState } from 'preact/hooks';
import {
  webhookPaths,
  type WebhookSummary,
} from '../../../../protocol/webhooks';
import { describeError, request } from '../api';
import NotificationsAllow from './NotificationsAllow';
import NotificationsForm, {
  EVENT_LABELS,
  KIND_LABELS,
} from './NotificationsForm';
import NotificationsLog from './NotificationsLog';

/** Props of {@link Notifications}. */
export type NotificationsProps = Record<string, never>;

type Message = { kind: 'ok' | 'error'; text: string };

/** The subscriptions, and what can be done to each. */
function useWebhooks() {
  const [hooks, setHooks] = useState<WebhookSummary[] | null>(null);
  const [message, setMessage] = useState<Message | null>(null);
  const load = () =>
    request<WebhookSummary[]>(webhookPaths.webhooks)
      .then(setHooks)
      .catch((e: unknown) =>
        setMessage({ kind: 'error', text: describeError(e) }),
      );
  useEffect(() => {
    void load();
  }, []);
  const act = async (fn: () => Promise<unknown>, ok: string) => {
    try {
      await fn();
      setMessage({ kind: 'ok', text: ok });
      await load();
    } catch (e) {
      setMessage({ kind: 'error', text: describeError(e) });
    }
  };
  return { hooks, message, setMessage, load, act };
}

/**
 * Notifications: webhook subscriptions for Teams, Slack and signed webhooks, their secrets,
 * test events, delivery logs, and the hosts allowed to receive. Admins only.
 */
export default function Notifications(_props: NotificationsProps) {
  const { hooks, message, setMessage, load, act } = useWebhooks();
  const [secret, setSecret] = useState<string | null>(null);
  const [editing, setEditing] = useState<WebhookSummary | null>(null);
  const [logOf, setLogOf] = useState<WebhookSummary | null>(null);
  const [version, setVersion] = useState(0);
  const sendTest = (w: WebhookSummary) =>
    act(async () => {
      await request(webhookPaths.test(w.id), { method: 'POST' });
      setLogOf(w);
      setVersion((v) => v + 1);
    }, `Test event queued for ${w.url}. It appears in the deliveries below.`);
  const remove = (w: WebhookSummary) => {
    if (
      !window.confirm(
        `Delete the subscription to ${w.url} and its delivery log?`,
      )
    )
      return;
    if (logOf?.id === w.id) setLogOf(null);
    void act(
      () => request(webhookPaths.webhook(w.id), { method: 'DELETE' }),
      `Subscription to ${w.url} deleted.`,
    );
  };
  const pause = (w: WebhookSummary) =>
    act(
      () =>
        request(webhookPaths.webhook(w.id), {
          method: 'PATCH',
          body: { paused: !w.paused },
        }),
      w.paused ? `Sending to ${w.url} again.` : `Paused sending to ${w.url}.`,
    );
  const saved = (newSecret: string | null) => {
    setSecret(newSecret);
    setEditing(null);
    setMessage({ kind: 'ok', text: 'Subscription saved.' });
    void load();
  };
  return (
    <section aria-labelledby="notifications-heading" class="snag-section">
      <h2 class="govuk-heading-m" id="notifications-heading">
        Notifications
      </h2>
      <p class="govuk-body">
        Send new and changed reports to Microsoft Teams, Slack or any service
        that verifies signed webhooks. Messages carry titles, kinds, ratings and
        a link, not what reporters wrote, unless a subscription asks for it.
      </p>
      {message && <Note message={message} />}
      {secret && <SecretPanel secret={secret} onDone={() => setSecret(null)} />}
      {hooks === null ? (
        <p class="govuk-body">Loading subscriptions…</p>
      ) : hooks.length === 0 ? (
        <p class="govuk-body">No subscriptions yet.</p>
      ) : (
        <HookTable
          hooks={hooks}
          onTest={(w) => void sendTest(w)}
          onPause={(w) => void pause(w)}
          onEdit={setEditing}
          onLog={setLogOf}
          onDelete={remove}
        />
      )}
      {logOf && <NotificationsLog webhook={logOf} version={version} />}
      <NotificationsForm
        key={editing?.id ?? 'new'}
        editing={editing}
        onSaved={saved}
        onCancel={() => setEditing(null)}
      />
      <NotificationsAllow />
    </section>
  );
}

/** The signing secret, shown once, with a copy button. */
function SecretPanel({
  secret,
  onDone,
}: {
  secret: string;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  };
  return (
    <div class="govuk-inset-text" role="region" aria-label="Signing secret">
      <p class="govuk-body">
        Signing secret. Copy it into the receiving service now: it is shown only
        once.
      </p>
      <p class="govuk-body">
        <code data-testid="webhook-secret">{secret}</code>
      </p>
      <div class="govuk-button-group">
        <button
          type="button"
          class="govuk-button govuk-button--secondary"
          onClick={() => void copy()}
        >
          Copy secret
        </button>
        <button
          type="button"
          class="govuk-button govuk-button--secondary"
          onClick={onDone}
        >
          I have copied it
        </button>
      </div>
      <p class="govuk-body" role="status">
        {copied ? 'Copied.' : ''}
      </p>
    </div>
  );
}

interface TableProps {
  hooks: WebhookSummary[];
  onTest: (w: WebhookSummary) => void;
  onPause: (w: WebhookSummary) => void;
  onEdit: (w: WebhookSummary) => void;
  onLog: (w: WebhookSummary) => void;
  onDelete: (w: WebhookSummary) => void;
}

function HookTable(p: TableProps) {
  return (
    <div class="snag-table-wrap">
      <table class="govuk-table">
        <caption class="govuk-table__caption govuk-visually-hidden">
          Subscriptions
        </caption>
        <thead class="govuk-table__head">
          <tr class="govuk-table__row">
            {['Address', 'Kind', 'Events', 'State', 'Actions'].map((h) => (
              <th scope="col" class="govuk-table__header" key={h}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="govuk-table__body">
          {p.hooks.map((w) => (
            <tr class="govuk-table__row" key={w.id}>
              <td class="govuk-table__cell snag-break">{w.url}</td>
              <td class="govuk-table__cell">{KIND_LABELS[w.kind]}</td>
              <td class="govuk-table__cell">
                {w.events.map((e) => EVENT_LABELS[e]).join(', ')}
              </td>
              <td class="govuk-table__cell">
                {w.paused ? 'Paused' : 'Sending'}
              </td>
              <td class="govuk-table__cell">
                <div class="govuk-button-group">
                  {(
                    [
                      ['Send test event', p.onTest],
                      [w.paused ? 'Resume' : 'Pause', p.onPause],
                      ['Edit', p.onEdit],
                      ['Deliveries', p.onLog],
                      ['Delete', p.onDelete],
                    ] as const
                  ).map(([label, fn]) => (
                    <button
                      type="button"
                      key={label}
                      class={`govuk-button ${label === 'Delete' ? 'govuk-button--warning' : 'govuk-button--secondary'}`}
                      onClick={() => fn(w)}
                    >
                      {label}
                      <span class="govuk-visually-hidden"> {w.url}</span>
                    </button>
                  ))}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Note({ message }: { message: Message }) {
  const error = message.kind === 'error';
  return (
    <p
      class={error ? 'govuk-error-message' : 'govuk-body snag-saved'}
      role={error ? 'alert' : 'status'}
    >
      {message.text}
    </p>
  );
}

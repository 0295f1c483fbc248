import { useEffect, useState } from 'preact/hooks';
import { webhookPaths } from '../../../../protocol/webhooks';
import { describeError, request } from '../api';

/** Props of {@link NotificationsAllow}. */
export type NotificationsAllowProps = Record<string, never>;

interface AllowAnswer {
  entries: string[];
  fromEnvironment?: string[];
}

/** The hosts and address ranges that may receive notifications. */
export default function NotificationsAllow(_props: NotificationsAllowProps) {
  const [text, setText] = useState('');
  const [fromEnv, setFromEnv] = useState<string[]>([]);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(
    null,
  );
  const show = (a: AllowAnswer) => {
    setText(a.entries.join('\n'));
    setFromEnv(a.fromEnvironment ?? []);
  };
  useEffect(() => {
    request<AllowAnswer>(webhookPaths.allow)
      .then(show)
      .catch((e: unknown) => setMessage({ ok: false, text: describeError(e) }));
  }, []);
  const save = async (event: Event) => {
    event.preventDefault();
    try {
      const entries = text
        .split(/[\n,]/)
        .map((s) => s.trim())
        .filter(Boolean);
      show(
        await request<AllowAnswer>(webhookPaths.allow, {
          method: 'PUT',
          body: { entries },
        }),
      );
      setMessage({ ok: true, text: 'Allow-list saved.' });
    } catch (e) {
      setMessage({ ok: false, text: describeError(e) });
    }
  };
  return (
    <form onSubmit={(e) => void save(e)} noValidate aria-label="Allowed hosts">
      <h3 class="govuk-heading-s">Allowed hosts</h3>
      <div class="govuk-form-group">
        <label class="govuk-label" for="webhook-allow">
          Hosts and address ranges that may receive, one a line
        </label>
        <div class="govuk-hint" id="webhook-allow-hint">
          For example hooks.slack.com, *.logic.azure.com or 10.20.0.0/16.
          Private and internal addresses need a range that covers them.
          {fromEnv.length > 0 &&
            ` Also allowed by the server’s settings: ${fromEnv.join(', ')}.`}
        </div>
        <textarea
          class="govuk-textarea"
          id="webhook-allow"
          rows={4}
          aria-describedby="webhook-allow-hint"
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </div>
      {message && (
        <p
          class={message.ok ? 'govuk-body snag-saved' : 'govuk-error-message'}
          role={message.ok ? 'status' : 'alert'}
        >
          {message.text}
        </p>
      )}
      <button type="submit" class="govuk-button govuk-button--secondary">
        Save allowed hosts
      </button>
    </form>
  );
}

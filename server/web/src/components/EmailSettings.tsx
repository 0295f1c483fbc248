import { useEffect, useState } from 'preact/hooks';
import {
  webhookPaths,
  type NotificationSettings,
} from '../../../../protocol/webhooks';
import { describeError, request } from '../api';

/** Props of {@link EmailSettings}. */
export interface EmailSettingsProps {
  /** Whether the digest of new reports is offered (reviewers and admins). */
  digest: boolean;
}

const DIGESTS = [
  ['off', 'No digest'],
  ['daily', 'Daily'],
  ['weekly', 'Weekly'],
] as const;

const LANGUAGES = [
  ['en', 'English'],
  ['cy', 'Cymraeg'],
] as const;

const NEED_ADDRESS = 'Give an email address to receive email.';

/** Radio buttons in the GOV.UK style, for one setting. */
function Radios<V extends string>(props: {
  name: string;
  legend: string;
  options: readonly (readonly [V, string])[];
  value: V;
  onChange(value: V): void;
}) {
  return (
    <div class="govuk-form-group">
      <fieldset class="govuk-fieldset">
        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">
          {props.legend}
        </legend>
        <div class="govuk-radios govuk-radios--small">
          {props.options.map(([value, label]) => (
            <div class="govuk-radios__item" key={value}>
              <input
                class="govuk-radios__input"
                id={`${props.name}-${value}`}
                type="radio"
                name={props.name}
                checked={props.value === value}
                onChange={() => props.onChange(value)}
              />
              <label
                class="govuk-label govuk-radios__label"
                for={`${props.name}-${value}`}
                lang={props.name === 'email-language' ? value : undefined}
              >
                {label}
              </label>
            </div>
          ))}
        </div>
      </fieldset>
    </div>
  );
}

/** The person's settings from the server, and saving them. */
function useMySettings() {
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(
    null,
  );
  useEffect(() => {
    request<NotificationSettings>(webhookPaths.myNotifications)
      .then(setSettings)
      .catch((e: unknown) => setMessage({ ok: false, text: describeError(e) }));
  }, []);
  const change = (patch: Partial<NotificationSettings>) => {
    if (settings) setSettings({ ...settings, ...patch });
    setMessage(null);
  };
  const save = async (event: Event) => {
    event.preventDefault();
    if (!settings) return;
    const email = settings.email?.trim() || null;
    if (!email && (settings.youSaidWeDid || settings.digest !== 'off')) {
      setMessage({ ok: false, text: NEED_ADDRESS });
      document.getElementById('my-email')?.focus();
      return;
    }
    try {
      setSettings(
        await request<NotificationSettings>(webhookPaths.myNotifications, {
          method: 'PUT',
          body: { ...settings, email },
        }),
      );
      setMessage({ ok: true, text: 'Email settings saved.' });
    } catch (e) {
      setMessage({ ok: false, text: describeError(e) });
    }
  };
  return { settings, message, change, save };
}

/** The reporter's opt-in to "You said, we did". */
function YouSaidWeDid(props: {
  checked: boolean;
  onChange(on: boolean): void;
}) {
  return (
    <div class="govuk-checkboxes govuk-checkboxes--small govuk-form-group">
      <div class="govuk-checkboxes__item">
        <input
          class="govuk-checkboxes__input"
          id="email-you-said"
          type="checkbox"
          checked={props.checked}
          onChange={(e) => props.onChange(e.currentTarget.checked)}
        />
        <label class="govuk-label govuk-checkboxes__label" for="email-you-said">
          Email me when a report of mine is fixed (“You said, we did”)
        </label>
      </div>
    </div>
  );
}

/**
 * The signed-in person's own email from Snag: a reviewer's daily or weekly digest, and
 * "You said, we did" when a report of theirs is fixed, in English or Welsh.
 */
export default function EmailSettings({ digest }: EmailSettingsProps) {
  const { settings, message, change, save } = useMySettings();
  const fieldError = message && !message.ok && message.text === NEED_ADDRESS;
  return (
    <section aria-labelledby="email-heading" class="snag-section">
      <h2 class="govuk-heading-m" id="email-heading">
        Email from Snag
      </h2>
      {!settings ? (
        <p class="govuk-body">{message?.text ?? 'Loading your settings…'}</p>
      ) : (
        <form onSubmit={(e) => void save(e)} noValidate>
          <div
            class={`govuk-form-group${fieldError ? ' govuk-form-group--error' : ''}`}
          >
            <label class="govuk-label" for="my-email">
              Email address
            </label>
            <input
              class="govuk-input govuk-!-width-two-thirds"
              id="my-email"
              type="email"
              autoComplete="email"
              spellcheck={false}
              aria-invalid={fieldError || undefined}
              value={settings.email ?? ''}
              onInput={(e) => change({ email: e.currentTarget.value })}
            />
          </div>
          <Radios
            name="email-language"
            legend="Language of the emails"
            options={LANGUAGES}
            value={settings.language}
            onChange={(language) => change({ language })}
          />
          {digest && (
            <Radios
              name="email-digest"
              legend="Digest of new reports, what changed and the matrix"
              options={DIGESTS}
              value={settings.digest}
              onChange={(value) => change({ digest: value })}
            />
          )}
          <YouSaidWeDid
            checked={settings.youSaidWeDid}
            onChange={(youSaidWeDid) => change({ youSaidWeDid })}
          />
          {message && (
            <p
              class={
                message.ok ? 'govuk-body snag-saved' : 'govuk-error-message'
              }
              role={message.ok ? 'status' : 'alert'}
            >
              {message.text}
            </p>
          )}
          <button type="submit" class="govuk-button">
            Save email settings
          </button>
        </form>
      )}
    </section>
  );
}

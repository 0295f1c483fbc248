import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { NotificationSettings } from '@/protocol/webhooks';
import { sendToBackground } from '@/utils/messaging';
import { connectedAsStorage } from '@/utils/settings';
import { t } from '@/utils/i18n';

/** Props of the email settings. */
export interface EmailSettingsProps {
  /** Test seam: how the settings are read and saved (the background, by default). */
  load?: () => ReturnType<typeof sendToBackground<'emailSettings'>>;
  save?: (
    settings: NotificationSettings,
  ) => ReturnType<typeof sendToBackground<'saveEmailSettings'>>;
}

const LANGUAGES = ['en', 'cy'] as const;

/** Loads the settings now and again whenever the extension connects to another server. */
function useEmailSettings(load: NonNullable<EmailSettingsProps['load']>) {
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  // Why there is nothing to show: not connected, or the server could not be asked.
  const [unavailable, setUnavailable] = useState('');
  useEffect(() => {
    const read = async () => {
      // Not connected: nothing to ask the worker.
      if (!(await connectedAsStorage.getValue())) {
        setSettings(null);
        setUnavailable(t('emailNeedsServer'));
        return;
      }
      const answer = await load();
      setSettings(answer.ok ? answer.value : null);
      setUnavailable(answer.ok ? '' : t('emailCouldNotLoad', answer.error));
    };
    void read();
    return connectedAsStorage.watch(() => void read());
  }, [load]);
  return { settings, setSettings, unavailable };
}

/** The fields: the address, the language and the opt-in. */
function EmailForm(props: {
  settings: NotificationSettings;
  change(patch: Partial<NotificationSettings>): void;
  onSubmit(event: Event): void;
  emailField: RefObject<HTMLInputElement | null>;
  missingAddress: boolean;
}) {
  return (
    <form onSubmit={props.onSubmit} noValidate>
      <label class="block" for="email-address">
        {t('emailAddressLabel')}
      </label>
      <input
        id="email-address"
        ref={props.emailField}
        type="email"
        autoComplete="email"
        spellcheck={false}
        value={props.settings.email ?? ''}
        aria-invalid={props.missingAddress || undefined}
        onInput={(e) => props.change({ email: e.currentTarget.value })}
      />
      <fieldset>
        <legend>{t('emailLanguageLegend')}</legend>
        {LANGUAGES.map((language) => (
          <label class="check" key={language} lang={language}>
            <input
              type="radio"
              name="email-language"
              checked={props.settings.language === language}
              onChange={() => props.change({ language })}
            />
            {t(`emailLanguage_${language}`)}
          </label>
        ))}
      </fieldset>
      <label class="check">
        <input
          type="checkbox"
          checked={props.settings.youSaidWeDid}
          onChange={(e) =>
            props.change({ youSaidWeDid: e.currentTarget.checked })
          }
        />
        {t('emailYouSaidWeDid')}
      </label>
      <button type="submit" class="primary">
        {t('emailSave')}
      </button>
    </form>
  );
}

const defaultLoad = () => sendToBackground('emailSettings', {});
const defaultSave = (settings: NotificationSettings) =>
  sendToBackground('saveEmailSettings', { settings });

/**
 * What the connected server may email the user: "You said, we did" when a report of theirs is
 * fixed, to an address they give, in English or Welsh. A reviewer's digest is chosen in the
 * dashboard and kept as it is here.
 */
export default function EmailSettings(props: EmailSettingsProps) {
  const { settings, setSettings, unavailable } = useEmailSettings(
    props.load ?? defaultLoad,
  );
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const emailField = useRef<HTMLInputElement>(null);

  const change = (patch: Partial<NotificationSettings>) => {
    if (settings) setSettings({ ...settings, ...patch });
    setStatus('');
  };

  const onSubmit = async (event: Event) => {
    event.preventDefault();
    if (!settings) return;
    const email = settings.email?.trim() || null;
    setError('');
    if (!email && (settings.youSaidWeDid || settings.digest !== 'off')) {
      setError(t('emailAddressNeeded'));
      emailField.current?.focus();
      return;
    }
    const answer = await (props.save ?? defaultSave)({ ...settings, email });
    if (answer.ok) {
      setSettings(answer.value);
      setStatus(t('emailSaved'));
    } else {
      setError(t('emailCouldNotSave', answer.error));
    }
  };

  return (
    <section aria-labelledby="email-heading">
      <h2 id="email-heading">{t('emailHeading')}</h2>
      <p class="hint">{t('emailIntro')}</p>
      {!settings ? (
        <p role="status">{unavailable || t('emailLoading')}</p>
      ) : (
        <EmailForm
          settings={settings}
          change={change}
          onSubmit={(e) => void onSubmit(e)}
          emailField={emailField}
          missingAddress={error === t('emailAddressNeeded')}
        />
      )}
      {settings && <p role="status">{status}</p>}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

import { serverLocked } from '@/utils/managed-settings';
import { msg, t } from '@/utils/i18n';
import {
  useServerConnection,
  type ConnectionSeams,
} from './server-settings/useServerConnection';

/** Props of the server connection settings. */
export type ServerSettingsProps = ConnectionSeams;

/** What policy says of the server address, beside the field. */
function LockedNote(props: { id: string }) {
  return (
    <p id={props.id} class="hint">
      {t('setByOrganisation')}
    </p>
  );
}

/** Who we are connected as; or what to do, and why the device was signed out. */
function ConnectionNotice(props: {
  connectedAs: { name: string; role: string } | null;
  connectedTo: string;
  intro: string;
  /** Why the device was signed out, in words; empty when there is nothing to say. */
  signedOut: string;
}) {
  const who = props.connectedAs;
  if (who)
    return (
      <p class="notice">
        {t('connectedAs', who.name, msg(`role_${who.role}`), props.connectedTo)}
      </p>
    );
  return (
    <>
      <p>{props.intro}</p>
      {props.signedOut && (
        <p class="error">{t('signedOutBecause', props.signedOut)}</p>
      )}
    </>
  );
}

/** The access token field and Connect. */
function TokenFields(props: {
  token: string;
  setToken(value: string): void;
  busy: boolean;
}) {
  return (
    <>
      <label class="block" for="access-token">
        {t('accessTokenLabel')}
      </label>
      <input
        id="access-token"
        type="password"
        autoComplete="off"
        spellcheck={false}
        value={props.token}
        onInput={(e) => props.setToken(e.currentTarget.value)}
      />
      <button type="submit" disabled={props.busy}>
        {t('connect')}
      </button>
    </>
  );
}

/**
 * The shared server: its address (locked when policy sets it), "Sign in with your council
 * account", an access token and Connect (unless policy says which way to sign in), and
 * Disconnect, with every outcome in words.
 */
export default function ServerSettings(props: ServerSettingsProps) {
  const c = useServerConnection(props);
  const managed = c.managed ?? {};
  const locked = serverLocked(managed);
  const offerSignIn = managed.signIn !== 'token';
  const offerToken = managed.signIn !== 'sso';
  const submit = (event: Event) => {
    if (offerToken) return void c.connect(event);
    event.preventDefault();
    void c.signIn();
  };

  return (
    <section aria-labelledby="server-heading">
      <h2 id="server-heading">{t('serverHeading')}</h2>
      <ConnectionNotice
        connectedAs={c.connectedAs}
        connectedTo={c.connectedTo}
        intro={offerToken ? t('serverIntro') : t('signInNeeded')}
        signedOut={c.signedOutReason ? c.problemText(c.signedOutReason) : ''}
      />
      <form onSubmit={submit}>
        <label class="block" for="server-url">
          {t('serverAddressLabel')}
        </label>
        <input
          id="server-url"
          type="url"
          inputMode="url"
          autoComplete="url"
          placeholder="https://snag.example-council.gov.uk"
          value={c.address}
          readOnly={locked}
          aria-describedby={locked ? 'server-url-locked' : undefined}
          onInput={(e) => c.setAddress(e.currentTarget.value)}
        />
        {locked && <LockedNote id="server-url-locked" />}
        {offerSignIn && (
          <p>
            <button
              type="button"
              class="primary"
              disabled={c.busy || c.managed === null}
              onClick={() => void c.signIn()}
            >
              {t('signInWithCouncil')}
            </button>
          </p>
        )}
        {offerToken && (
          <>
            {offerSignIn && <p class="hint">{t('orAccessToken')}</p>}
            <TokenFields token={c.token} setToken={c.setToken} busy={c.busy} />
          </>
        )}
        {c.connectedAs && (
          <button type="button" onClick={() => void c.disconnect()}>
            {t('disconnect')}
          </button>
        )}
      </form>
      <p role="status">{c.status}</p>
      {c.error && (
        <p class="error" role="alert" tabIndex={-1} ref={c.errorRef}>
          {c.error}
        </p>
      )}
    </section>
  );
}

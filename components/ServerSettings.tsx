import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import {
  connectToServer,
  type ConnectFailure,
  type PermissionsApi,
} from '@/utils/sync';
import {
  connectedAsStorage,
  serverUrlStorage,
  tokenStorage,
} from '@/utils/settings';
import type { Me } from '@/protocol/api';
import { msg, t } from '@/utils/i18n';

/** Props of the server connection settings. */
export interface ServerSettingsProps {
  // Test seams: the permission API and fetch used to check the server.
  permissions?: PermissionsApi;
  fetchImpl?: typeof fetch;
}

const failureKey = (reason: ConnectFailure) =>
  `connectError_${reason.replace(/-/g, '_')}`;

/** Who the server says we are, as the options show it. */
type ConnectedAs = { name: string; role: string } | null;

/** Keeps a connection that worked. */
async function keepConnection(
  token: string,
  serverUrl: string,
  me: Me,
): Promise<void> {
  await Promise.all([
    tokenStorage.setValue(token.trim()),
    connectedAsStorage.setValue(me),
  ]);
  // Set last: the background starts syncing when the address changes.
  await serverUrlStorage.setValue(serverUrl);
}

/**
 * The connection's state and what changes it: the fields as typed, who we are connected
 * as, and Connect and Disconnect with their outcome in words.
 */
function useServerConnection(props: ServerSettingsProps) {
  const [address, setAddress] = useState('');
  const [token, setToken] = useState('');
  const [connectedAs, setConnectedAs] = useState<ConnectedAs>(null);
  const [connectedTo, setConnectedTo] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const errorRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    void Promise.all([
      serverUrlStorage.getValue(),
      connectedAsStorage.getValue(),
    ]).then(([url, who]) => {
      setAddress(url);
      setConnectedTo(url);
      setConnectedAs(url ? who : null);
    });
  }, []);

  const connect = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    setStatus(t('connecting'));
    const result = await connectToServer(
      address,
      token,
      props.permissions ?? browser.permissions,
      props.fetchImpl,
    );
    setBusy(false);
    if (!result.ok) {
      setStatus('');
      setError(msg(failureKey(result.reason), address));
      errorRef.current?.focus();
      return;
    }
    await keepConnection(token, result.serverUrl, result.me);
    setToken('');
    setAddress(result.serverUrl);
    setConnectedTo(result.serverUrl);
    setConnectedAs(result.me);
    setStatus(
      t(
        'connectedAs',
        result.me.name,
        msg(`role_${result.me.role}`),
        result.serverUrl,
      ),
    );
  };

  const disconnect = async () => {
    await Promise.all([
      serverUrlStorage.setValue(''),
      tokenStorage.setValue(''),
      connectedAsStorage.setValue(null),
    ]);
    setConnectedAs(null);
    setConnectedTo('');
    setStatus(t('disconnected'));
  };

  return {
    address,
    setAddress,
    token,
    setToken,
    connectedAs,
    connectedTo,
    busy,
    error,
    status,
    errorRef,
    connect,
    disconnect,
  };
}

/** Server address, access token, Connect and Disconnect, with the outcome in words. */
export default function ServerSettings(props: ServerSettingsProps) {
  const {
    address,
    setAddress,
    token,
    setToken,
    connectedAs,
    connectedTo,
    busy,
    error,
    status,
    errorRef,
    connect,
    disconnect,
  } = useServerConnection(props);

  return (
    <section aria-labelledby="server-heading">
      <h2 id="server-heading">{t('serverHeading')}</h2>
      {connectedAs ? (
        <p class="notice">
          {t(
            'connectedAs',
            connectedAs.name,
            msg(`role_${connectedAs.role}`),
            connectedTo,
          )}
        </p>
      ) : (
        <p>{t('serverIntro')}</p>
      )}
      <form onSubmit={(e) => void connect(e)}>
        <label class="block" for="server-url">
          {t('serverAddressLabel')}
        </label>
        <input
          id="server-url"
          type="url"
          inputMode="url"
          autoComplete="url"
          placeholder="https://snag.example-council.gov.uk"
          value={address}
          onInput={(e) => setAddress(e.currentTarget.value)}
        />
        <label class="block" for="access-token">
          {t('accessTokenLabel')}
        </label>
        <input
          id="access-token"
          type="password"
          autoComplete="off"
          spellcheck={false}
          value={token}
          onInput={(e) => setToken(e.currentTarget.value)}
        />
        <button type="submit" class="primary" disabled={busy}>
          {t('connect')}
        </button>
        {connectedAs && (
          <button type="button" onClick={() => void disconnect()}>
            {t('disconnect')}
          </button>
        )}
      </form>
      <p role="status">{status}</p>
      {error && (
        <p class="error" role="alert" tabIndex={-1} ref={errorRef}>
          {error}
        </p>
      )}
    </section>
  );
}

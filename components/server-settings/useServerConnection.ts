/**
 * The options page's connection to the shared server: what it shows (the address, who we are
 * connected as, why we were signed out, what policy sets) and what changes it (Sign in with
 * your council account, Connect with a pasted token, Disconnect), each outcome in words.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { ManagedSettings } from '@/protocol/auth';
import type { Me } from '@/protocol/api';
import { readCredentials, writeCredentials } from '@/utils/credentials';
import {
  plainHttpRefused,
  readManagedSettings,
  serverLocked,
  type ManagedArea,
} from '@/utils/managed-settings';
import {
  connectedAsStorage,
  managedSettingsCopyStorage,
  serverUrlStorage,
  signedOutReasonStorage,
} from '@/utils/settings';
import {
  signInWithCouncilAccount,
  type SignInDeps,
} from '@/utils/sign-in/flow';
import { credentialsFromAnswer } from '@/utils/sign-in/session';
import {
  connectToServer,
  normaliseServerUrl,
  ServerClient,
  type ConnectFailure,
  type PermissionsApi,
} from '@/utils/sync';
import { msg, t } from '@/utils/i18n';

/** What the connection settings take from outside, for tests. */
export interface ConnectionSeams {
  // Test seams: the permission API and fetch used to check the server, the identity API
  // that opens the sign-in window, and the managed storage area.
  permissions?: PermissionsApi;
  fetchImpl?: typeof fetch;
  identity?: Pick<SignInDeps, 'launchWebAuthFlow' | 'redirectUrl'>;
  managedArea?: ManagedArea;
}

const failureText = (reason: ConnectFailure, address: string) =>
  msg(`connectError_${reason.replace(/-/g, '_')}`, address);

const problemText = (reason: string) =>
  msg(`signInProblem_${reason.replace(/-/g, '_')}`);

/** Who the server says we are, as the options show it. */
type ConnectedAs = { name: string; role: string } | null;

/** "Chrome on Windows": how admins tell this device apart in the list of devices. */
async function deviceName(): Promise<string> {
  const os: Record<string, string> = {
    win: 'Windows',
    mac: 'macOS',
    linux: 'Linux',
    cros: 'ChromeOS',
    android: 'Android',
  };
  const browserName =
    import.meta.env.BROWSER === 'firefox' ? 'Firefox' : 'Chrome or Edge';
  try {
    const { os: platform } = await browser.runtime.getPlatformInfo();
    return `${browserName} on ${os[platform] ?? platform}`;
  } catch {
    return browserName;
  }
}

/** The sign-in flow's collaborators: the browser's own, unless a test passes its own. */
async function signInDeps(
  serverUrl: string,
  seams: ConnectionSeams,
): Promise<SignInDeps> {
  const identity = seams.identity ?? {
    launchWebAuthFlow: (d: { url: string; interactive: boolean }) =>
      browser.identity.launchWebAuthFlow(d),
    redirectUrl: browser.identity.getRedirectURL(),
  };
  const client = new ServerClient({ serverUrl, token: '' }, seams.fetchImpl);
  return {
    ...identity,
    token: (input) => client.authToken(input),
    deviceName: await deviceName(),
    random: (n) => crypto.getRandomValues(new Uint8Array(n)),
    sha256: (data) => crypto.subtle.digest('SHA-256', data as BufferSource),
  };
}

/** Keeps a connection that worked; the address last, as the worker starts syncing on it. */
async function keepConnection(
  serverUrl: string,
  credentials: Parameters<typeof writeCredentials>[0],
  me: Me,
): Promise<void> {
  await writeCredentials(credentials);
  await Promise.all([
    connectedAsStorage.setValue(me),
    signedOutReasonStorage.setValue(''),
  ]);
  await serverUrlStorage.setValue(serverUrl);
}

/** How a sign-in tells the page where it stands. */
interface Progress {
  start(words: string): void;
  fail(text: string): void;
  connected(serverUrl: string, me: Me): void;
}

/** "Sign in with your council account" at `address`, from the checks to the kept tokens. */
async function signInAt(
  address: string,
  managed: ManagedSettings,
  seams: ConnectionSeams,
  permissions: PermissionsApi,
  progress: Progress,
): Promise<void> {
  const serverUrl = normaliseServerUrl(address);
  if (!serverUrl) return progress.fail(failureText('bad-address', address));
  if (plainHttpRefused(serverUrl, managed))
    return progress.fail(failureText('insecure-http', serverUrl));
  progress.start(t('signingIn'));
  const origins = [`${serverUrl}/*`];
  const granted = await permissions
    .contains({ origins })
    .then((has) => has || permissions.request({ origins }))
    .catch(() => false);
  if (!granted)
    return progress.fail(failureText('permission-refused', serverUrl));
  const result = await signInWithCouncilAccount(
    serverUrl,
    await signInDeps(serverUrl, seams),
  );
  if (!result.ok) return progress.fail(problemText(result.reason));
  await keepConnection(
    serverUrl,
    credentialsFromAnswer(serverUrl, result.answer, Date.now()),
    result.answer.user,
  );
  progress.connected(serverUrl, result.answer.user);
}

/** Forgets the connection; a signed-in device also signs out at the server (best effort). */
async function signOut(seams: ConnectionSeams): Promise<void> {
  const held = await readCredentials();
  // So that the refresh token is no use to anyone who copied it.
  if (held?.kind === 'sso' && held.refreshToken)
    await new ServerClient(
      { serverUrl: held.serverUrl, token: '' },
      seams.fetchImpl,
    ).revoke(held.refreshToken);
  await Promise.all([
    serverUrlStorage.setValue(''),
    writeCredentials(null),
    connectedAsStorage.setValue(null),
  ]);
}

/** What the page shows of the connection, kept in step with storage and policy. */
function useConnectionState(seams: ConnectionSeams) {
  const [managed, setManaged] = useState<ManagedSettings | null>(null);
  const [address, setAddress] = useState('');
  const [connectedAs, setConnectedAs] = useState<ConnectedAs>(null);
  const [connectedTo, setConnectedTo] = useState('');
  const [signedOutReason, setSignedOutReason] = useState('');
  // Set once the person types an address: a late read of storage or policy must not undo it.
  const edited = useRef(false);

  useEffect(() => {
    // Policy as last known: the worker's copy at once, then the browser's own answer, which
    // Chromium gives a second or more later. Storage is shown without waiting for either.
    let policy: ManagedSettings = {};
    let fresh = false;
    const load = async () => {
      const [url, who, reason] = await Promise.all([
        serverUrlStorage.getValue(),
        connectedAsStorage.getValue(),
        signedOutReasonStorage.getValue(),
      ]);
      const lockedElsewhere =
        serverLocked(policy) && url !== '' && url !== policy.serverUrl;
      // Policy's locked address wins; otherwise what the person has typed stays.
      if (serverLocked(policy)) setAddress(policy.serverUrl ?? url);
      else if (!edited.current) setAddress(url);
      setConnectedTo(lockedElsewhere ? '' : url);
      setConnectedAs(url && !lockedElsewhere ? who : null);
      setSignedOutReason(reason);
    };
    const learn = (settings: ManagedSettings, final: boolean) => {
      if (fresh) return;
      fresh = final;
      policy = settings;
      setManaged(settings);
      void load();
    };
    const readPolicy = () =>
      readManagedSettings(seams.managedArea).then((p) => {
        fresh = false;
        learn(p, true);
      });
    void load();
    if (!seams.managedArea)
      void managedSettingsCopyStorage.getValue().then((p) => learn(p, false));
    void readPolicy();
    // The worker signs the device out when its refresh is refused: show it at once.
    // Chrome loads policy shortly after start, and reloads it when IT changes it.
    const onPolicy = (_changes: unknown, area: string) => {
      if (area === 'managed') void readPolicy();
    };
    browser.storage.onChanged.addListener(onPolicy);
    const unwatch = [
      connectedAsStorage.watch(() => void load()),
      signedOutReasonStorage.watch(() => void load()),
      () => browser.storage.onChanged.removeListener(onPolicy),
    ];
    return () => unwatch.forEach((stop) => stop());
  }, [seams.managedArea]);

  return {
    managed,
    address,
    setAddress: (value: string) => {
      edited.current = true;
      setAddress(value);
    },
    connectedAs,
    setConnectedAs,
    connectedTo,
    setConnectedTo,
    signedOutReason,
    setSignedOutReason,
  };
}

/** The connection's state, and Sign in, Connect and Disconnect with their outcome in words. */
export function useServerConnection(seams: ConnectionSeams) {
  const state = useConnectionState(seams);
  const { managed, address } = state;
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [status, setStatus] = useState('');
  const errorRef = useRef<HTMLParagraphElement>(null);
  const permissions = seams.permissions ?? browser.permissions;

  const fail = (text: string) => {
    setBusy(false);
    setStatus('');
    setError(text);
    queueMicrotask(() => errorRef.current?.focus());
  };
  const connected = (serverUrl: string, me: Me) => {
    setBusy(false);
    state.setAddress(serverUrl);
    state.setConnectedTo(serverUrl);
    state.setConnectedAs(me);
    state.setSignedOutReason('');
    setStatus(t('connectedAs', me.name, msg(`role_${me.role}`), serverUrl));
  };
  const start = (words: string) => {
    setBusy(true);
    setError('');
    setStatus(words);
  };

  const connect = async (event: Event) => {
    event.preventDefault();
    start(t('connecting'));
    const result = await connectToServer(
      address,
      token,
      permissions,
      seams.fetchImpl,
      managed ?? {},
    );
    if (!result.ok) return fail(failureText(result.reason, address));
    await keepConnection(
      result.serverUrl,
      { serverUrl: result.serverUrl, kind: 'token', accessToken: token.trim() },
      result.me,
    );
    setToken('');
    connected(result.serverUrl, result.me);
  };

  const signIn = () =>
    signInAt(address, managed ?? {}, seams, permissions, {
      fail,
      start,
      connected,
    });

  const disconnect = async () => {
    await signOut(seams);
    state.setConnectedAs(null);
    state.setConnectedTo('');
    setStatus(t('disconnected'));
  };

  return {
    ...state,
    token,
    setToken,
    busy,
    error,
    status,
    errorRef,
    connect,
    signIn,
    disconnect,
    problemText,
  };
}

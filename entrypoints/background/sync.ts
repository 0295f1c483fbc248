/**
 * Wires the sync engine into the service worker: it drains the outbox on save, on coming
 * back online, on an alarm tick (recreated at every start, because alarms may be lost when
 * the extension updates), and at the backoff time of the next due entry.
 */
import { browser } from 'wxt/browser';
import type { AnchorQuality } from '@/protocol/anchoring';
import type { NotificationSettings } from '@/protocol/webhooks';
import type { ServerView } from '@/utils/db';
import {
  ServerClient,
  SyncEngine,
  type Outcome,
  type ServerReport,
} from '@/utils/sync';
import {
  changesCursorStorage,
  connectedAsStorage,
  credentialsChangedAtStorage,
  reportsChangedAtStorage,
  serverUrlStorage,
  signedOutReasonStorage,
} from '@/utils/settings';
import { readCredentials, writeCredentials } from '@/utils/credentials';
import {
  effectiveServerUrl,
  plainHttpRefused,
  managedSettingsNow,
} from '@/utils/managed-settings';
import {
  currentAccessToken,
  renewAccess,
  singleFlight,
} from '@/utils/sign-in/session';
import { msg, t } from '@/utils/i18n';
import { updateBadge } from './badge';

/** The periodic sync alarm. */
export const SYNC_ALARM = 'snag-sync';
/** A one-shot alarm for the next backoff retry. */
export const RETRY_ALARM = 'snag-sync-retry';
// Chrome fires alarms at most every 30 s; the e2e build uses that so tests see a tick soon.
const PERIOD_MINUTES = import.meta.env.MODE === 'e2e' ? 0.5 : 1;

/** Words for a reviewer's change to one of the user's reports. */
export function describeChange(
  before: ServerView | undefined,
  after: ServerView,
): string | null {
  if (before?.status === after.status) return null;
  if (after.status === 'fixed') return t('changeFixed');
  if (after.status === 'duplicate') return t('changeDuplicate');
  if (after.status === 'new') return null;
  return t('changeStatus', msg(`status_${after.status.replace(/-/g, '_')}`));
}

/** A new access token for a signed-in device; one refresh at a time, for the whole worker. */
const renew = singleFlight(() =>
  renewAccess({
    read: readCredentials,
    // A refreshed pair is no news; a sign-out is (the engine must go).
    write: (credentials, renewed) =>
      writeCredentials(credentials, { announce: !renewed }),
    signedOut: async (problem) => {
      await Promise.all([
        signedOutReasonStorage.setValue(problem),
        connectedAsStorage.setValue(null),
      ]);
    },
    token: (serverUrl, input) =>
      new ServerClient({ serverUrl, token: '' }).authToken(input),
    now: Date.now,
  }),
);

/** The connected server's address and a client for it, or null when none is connected. */
async function connection(): Promise<{
  serverUrl: string;
  client: ServerClient;
} | null> {
  // Without credentials there is nothing to send, and no need to wait for policy (which
  // Chromium can take seconds to load when it starts).
  const held = await readCredentials();
  if (!held) return null;
  const managed = await managedSettingsNow();
  const serverUrl = await effectiveServerUrl(managed);
  // Credentials go only to the server that issued them, and never in clear across a network.
  if (!serverUrl || held.serverUrl !== serverUrl) return null;
  if (plainHttpRefused(serverUrl, managed)) return null;
  // Offline, a renewal fails; the held token is sent anyway and renewed at its 401.
  const token =
    (await currentAccessToken(held, renew, Date.now())) ?? held.accessToken;
  return {
    serverUrl,
    client: new ServerClient({
      serverUrl,
      token,
      ...(held.kind === 'sso' ? { renew } : {}),
    }),
  };
}

/** The engine for the connected server, or null when none is connected. */
export async function currentEngine(): Promise<SyncEngine | null> {
  const connected = await connection();
  if (!connected) return null;
  const { serverUrl, client } = connected;
  return new SyncEngine({
    client,
    cursor: {
      async get() {
        const saved = await changesCursorStorage.getValue();
        return saved.serverUrl === serverUrl ? saved.cursor : '';
      },
      set: (cursor) => changesCursorStorage.setValue({ serverUrl, cursor }),
    },
    describeChange,
    onChange: () => {
      void reportsChangedAtStorage.setValue(Date.now());
      void updateBadge();
    },
  });
}

/** The connected server's client, for one-off calls such as votes. */
export async function currentClient(): Promise<ServerClient | null> {
  return (await connection())?.client ?? null;
}

let engine: Promise<SyncEngine | null> | null = null;
let running: Promise<void> | null = null;

/**
 * Sends what is due, then follows changes; overlapping triggers share one run. `probe` (alarm
 * ticks, coming online, the popup opening) also tries one report that is waiting out a
 * backoff, so delivery resumes within one tick of the server coming back.
 */
export function runSync(probe = false): Promise<void> {
  running ??= (async () => {
    engine ??= currentEngine();
    const e = await engine;
    if (!e) return;
    const result = await e.drain({ probe });
    if (result.nextDueAt !== undefined) {
      await browser.alarms.create(RETRY_ALARM, {
        when: Math.max(result.nextDueAt, Date.now() + 1000),
      });
    }
    if (!result.offline) await e.pull();
    await updateBadge();
  })()
    .catch((error: unknown) => console.warn('Snag sync failed', error))
    .finally(() => {
      running = null;
    });
  return running;
}

/** Sends one report again now (the reporter's retry button). */
export async function retryReport(id: string): Promise<void> {
  engine ??= currentEngine();
  await (await engine)?.retry(id);
  await reportsChangedAtStorage.setValue(Date.now());
  await runSync();
}

/** Colleagues' reports on a page, from the server; empty when offline or not connected. */
export async function serverReportsOn(url: string): Promise<ServerReport[]> {
  const client = await currentClient();
  if (!client) return [];
  const outcome = await client.reportsOnPage(url);
  return outcome.kind === 'ok' ? outcome.value : [];
}

/** Registers the triggers. */
export function setupSync(): void {
  void browser.alarms.create(SYNC_ALARM, {
    periodInMinutes: PERIOD_MINUTES,
    delayInMinutes: PERIOD_MINUTES,
  });
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === SYNC_ALARM || alarm.name === RETRY_ALARM)
      void runSync(true);
  });
  globalThis.addEventListener?.('online', () => void runSync(true));
  // A new server or token means a new engine.
  const reset = () => {
    engine = currentEngine();
    // Reports refused by the old connection (a revoked token, say) get another chance.
    void engine.then((e) => e?.retryAll()).then(() => runSync());
  };
  serverUrlStorage.watch(reset);
  credentialsChangedAtStorage.watch(reset);
  void runSync();
}

/**
 * One call on the connected server, answering its value; a clear error in words when no
 * server is connected (`notConnected`) or the server refuses.
 */
async function onServer<T>(
  notConnected: string,
  call: (client: ServerClient) => Promise<Outcome<T>>,
): Promise<T> {
  const client = await currentClient();
  if (!client) throw new Error(notConnected);
  const outcome = await call(client);
  if (outcome.kind !== 'ok') throw new Error(outcome.message);
  return outcome.value;
}

/** Adds or takes back the user's "me too" on a colleague's report. */
export function setVote(
  reportId: string,
  on: boolean,
): Promise<{ votes: number }> {
  return onServer(
    'Connect to the Snag server in the options to add your voice',
    (client) => client.vote(reportId, on),
  );
}

/**
 * Tells the connected server how a report's notes were found on the page at `url`. Advisory:
 * offline, not connected, or refused, it is dropped, and it never throws.
 */
export async function recordAnchoring(
  url: string,
  reportId: string,
  annotations: Record<string, AnchorQuality>,
): Promise<void> {
  try {
    const client = await currentClient();
    const outcome = await client?.recordAnchoring(reportId, url, annotations);
    if (outcome && outcome.kind !== 'ok')
      console.info(
        'Snag did not record where notes were found',
        outcome.message,
      );
  } catch (error: unknown) {
    console.info('Snag did not record where notes were found', error);
  }
}

/** The user's email settings on the connected server. */
export function emailSettings(): Promise<NotificationSettings> {
  return onServer(t('emailNeedsServer'), (client) =>
    client.notificationSettings(),
  );
}

/** Saves the user's email settings; answers them as the server keeps them. */
export function saveEmailSettings(
  settings: NotificationSettings,
): Promise<NotificationSettings> {
  return onServer(t('emailNeedsServer'), (client) =>
    client.setNotificationSettings(settings),
  );
}

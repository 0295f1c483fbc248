/**
 * Settings an organisation sets by policy: Chrome and Edge give them through
 * `storage.managed` (described by `managed_schema.json`), Firefox from the `3rdparty` section
 * of its enterprise policies, through the same API. A key set by policy overrides the user's
 * own value and shows locked on the options page.
 */
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import { managedSettings, type ManagedSettings } from '@/protocol/auth';
import { normaliseServerUrl } from './sync/client';
import {
  managedSettingsCopyStorage,
  serverUrlStorage,
  urlAllowListStorage,
} from './settings';

/** `storage.managed` as reading it needs. */
export interface ManagedArea {
  get(keys?: null): Promise<Record<string, unknown>>;
}

/** The keys of the managed settings. */
const KEYS = Object.keys(managedSettings.shape) as (keyof ManagedSettings)[];

/**
 * The valid managed settings; a key whose value does not fit the schema is left out (the
 * user's own value stands) rather than spoiling the rest.
 */
export function parseManagedSettings(raw: unknown): ManagedSettings {
  if (typeof raw !== 'object' || raw === null) return {};
  const parsed: Record<string, unknown> = {};
  for (const key of KEYS) {
    const value = (raw as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const checked = managedSettings.shape[key].safeParse(value);
    if (checked.success) parsed[key] = checked.data;
  }
  const settings = parsed as ManagedSettings;
  if (settings.serverUrl !== undefined) {
    const url = normaliseServerUrl(settings.serverUrl);
    if (url) settings.serverUrl = url;
    else delete settings.serverUrl;
  }
  return settings;
}

/**
 * The managed settings, or none: Firefox rejects the read when no policy names the
 * extension, and a browser without managed storage has no `storage.managed` at all.
 */
export async function readManagedSettings(
  // Injected: tests pass a fake area.
  area: ManagedArea | undefined = browser.storage?.managed as
    ManagedArea | undefined,
): Promise<ManagedSettings> {
  if (!area) return {};
  try {
    return parseManagedSettings(await area.get(null));
  } catch {
    return {};
  }
}

/** Whether the user may change the server address: not when policy sets and locks it. */
export function serverLocked(managed: ManagedSettings): boolean {
  return managed.serverUrl !== undefined && managed.lockServer !== false;
}

/** Whether `host` is this machine (a server reached without crossing the network). */
function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  return (
    bare === 'localhost' ||
    bare.endsWith('.localhost') ||
    bare === '::1' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare)
  );
}

/**
 * Whether the token may be sent to `serverUrl`: over https, or over plain http to this
 * machine only, unless policy allows plain http (a test network, say). Over plain http the
 * token would cross the network in clear.
 */
export function plainHttpRefused(
  serverUrl: string,
  managed: ManagedSettings,
): boolean {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    return false;
  }
  return (
    url.protocol === 'http:' &&
    !isLoopback(url.hostname) &&
    managed.allowHttp !== true
  );
}

/**
 * The server the device should talk to: the one it connected to, unless policy sets a locked
 * address that differs (then none, until the person signs in there).
 */
export async function effectiveServerUrl(
  managed: ManagedSettings,
): Promise<string> {
  const chosen = await serverUrlStorage.getValue();
  if (serverLocked(managed) && chosen !== managed.serverUrl) return '';
  return chosen;
}

/**
 * The query parameters kept when cleaning page addresses: policy's list, or the user's.
 * Read from the worker's copy of policy, so that the popup never waits for the browser.
 */
export async function effectiveUrlAllowList(
  managed?: ManagedSettings,
): Promise<string[]> {
  const settings = managed ?? (await managedSettingsCopyStorage.getValue());
  return settings.keepQueryParams ?? urlAllowListStorage.getValue();
}

/** The worker's latest read of policy, shared by every caller. */
let latest: Promise<ManagedSettings> | null = null;

/** Reads policy again; once the browser answers, callers get it and pages see the copy. */
function refreshManagedSettings(): Promise<ManagedSettings> {
  const read = readManagedSettings();
  void read.then((managed) => {
    latest = Promise.resolve(managed);
    return managedSettingsCopyStorage.setValue(managed);
  });
  return read;
}

/**
 * The copy kept by the worker's last run, while the browser is asked again; on the very first
 * start, when there is no copy, the browser's answer is awaited.
 */
async function firstRead(): Promise<ManagedSettings> {
  const fresh = refreshManagedSettings();
  const kept = await storage.getItem<ManagedSettings>(
    managedSettingsCopyStorage.key,
  );
  return kept ?? fresh;
}

/**
 * Policy as the worker knows it. Chromium takes a second or more to answer each read of
 * `storage.managed` (longer while it starts), and the worker is stopped when idle, so it
 * reads policy once when it starts and again when IT changes it, and until then answers with
 * the copy its last run kept: no sync, capture or page lookup waits on the browser.
 */
export function managedSettingsNow(): Promise<ManagedSettings> {
  latest ??= firstRead();
  return latest;
}

/** Keeps the worker's read and the pages' copy of policy up to date: now, and on change. */
export function setupManagedSettingsCopy(): void {
  void managedSettingsNow();
  browser.storage.onChanged.addListener((_changes, area) => {
    if (area === 'managed') void refreshManagedSettings();
  });
}

/**
 * Calls `onPolicy` with the worker's copy of policy now and whenever it changes, so that a
 * page never waits on `storage.managed`; answers an unsubscribe.
 */
export function watchManagedSettings(
  onPolicy: (managed: ManagedSettings) => void,
): () => void {
  void managedSettingsCopyStorage.getValue().then(onPolicy);
  return managedSettingsCopyStorage.watch((managed) => onPolicy(managed));
}

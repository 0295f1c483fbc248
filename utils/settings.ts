/**
 * User settings, one storage item each (wxt storage), in `storage.local`. Content scripts can
 * read `storage.local`, so nothing secret is kept here: the credentials for the server live in
 * the extension's own IndexedDB (`utils/credentials.ts`).
 */
import { storage } from 'wxt/utils/storage';
import type { ManagedSettings } from '@/protocol/auth';

/** How the reporter names themselves on reports and comments. */
export const displayNameStorage = storage.defineItem<string>(
  'local:displayName',
  {
    fallback: '',
    version: 1,
  },
);

/** The reporter's team, free text (e.g. "Revenues and benefits"). */
export const teamStorage = storage.defineItem<string>('local:team', {
  fallback: '',
  version: 1,
});

/** Query parameter names kept when cleaning page URLs (docs/privacy.md). */
export const urlAllowListStorage = storage.defineItem<string[]>(
  'local:urlAllowList',
  {
    fallback: [],
    version: 1,
  },
);

/** The shared server's origin, once connected. */
export const serverUrlStorage = storage.defineItem<string>('local:serverUrl', {
  fallback: '',
  version: 1,
});

/**
 * When the credentials last changed (signed in, refreshed, signed out), so the worker and
 * open pages can react. Only a time: the credentials themselves are in IndexedDB.
 */
export const credentialsChangedAtStorage = storage.defineItem<number>(
  'local:credentialsChangedAt',
  { fallback: 0, version: 1 },
);

/**
 * Why this device was last signed out of its council account (a `SignInProblem` code), shown
 * beside "Sign in" until the next sign-in. Empty when there is nothing to say.
 */
export const signedOutReasonStorage = storage.defineItem<string>(
  'local:signedOutReason',
  { fallback: '', version: 1 },
);

/** Who the server says we are, from the last successful connect. */
export const connectedAsStorage = storage.defineItem<{
  id: string;
  name: string;
  role: string;
} | null>('local:connectedAs', { fallback: null, version: 1 });

/** What the toolbar badge counts. */
export const badgeModeStorage = storage.defineItem<'unsent' | 'page'>(
  'local:badgeMode',
  {
    fallback: 'unsent',
    version: 1,
  },
);

/** Where the `/changes` feed was last read up to, for the connected server. */
export const changesCursorStorage = storage.defineItem<{
  serverUrl: string;
  cursor: string;
}>('local:changesCursor', {
  fallback: { serverUrl: '', cursor: '' },
  version: 1,
});

/** Set whenever reports change in the background, so open pages refresh their lists. */
export const reportsChangedAtStorage = storage.defineItem<number>(
  'local:reportsChangedAt',
  {
    fallback: 0,
    version: 1,
  },
);

/**
 * Council sites (origins such as `https://www.example-council.gov.uk`) where the user granted
 * host access, so the badge counts reports and dashboard links open the annotator without a
 * click.
 */
export const councilSitesStorage = storage.defineItem<string[]>(
  'local:councilSites',
  {
    fallback: [],
    version: 1,
  },
);

/**
 * A copy of the managed settings (policy), kept by the worker, for readers that must not wait:
 * Chromium answers `storage.managed` only once it has loaded policy, seconds after it starts.
 * Nothing secret: policy is IT's configuration.
 */
export const managedSettingsCopyStorage = storage.defineItem<ManagedSettings>(
  'local:managedSettingsCopy',
  { fallback: {}, version: 1 },
);

/**
 * User settings, one storage item each (wxt storage). Everything lives in `storage.local`,
 * which content scripts of web pages cannot read; the token never leaves the extension origin.
 */
import { storage } from 'wxt/utils/storage';

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

/** Query parameter names kept when cleaning page URLs (DESIGN §6). */
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

/** The access token for the shared server. Never sent to content scripts. */
export const tokenStorage = storage.defineItem<string>('local:token', {
  fallback: '',
  version: 1,
});

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

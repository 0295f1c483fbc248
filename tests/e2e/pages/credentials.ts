// Reads and edits the extension's stored credentials from one of its own pages, whose
// IndexedDB is the extension's (a web page's is not).
import type { Page } from 'playwright-core';

/** The credentials record as the extension keeps it. */
export interface StoredCredentials {
  serverUrl: string;
  kind: 'token' | 'sso';
  accessToken: string;
  refreshToken?: string;
  accessExpiresAt?: number;
  deviceId?: string;
}

/**
 * The stored credentials, after applying `patch` when given (e.g. an access token that has
 * expired, so that the worker must renew it); null when the device holds none.
 */
export function credentialsIn(
  page: Page,
  patch?: Partial<StoredCredentials>,
): Promise<StoredCredentials | null> {
  return page.evaluate(
    (change) =>
      new Promise<StoredCredentials | null>((resolve, reject) => {
        const open = indexedDB.open('snag');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const store = open.result
            .transaction('credentials', 'readwrite')
            .objectStore('credentials');
          const get = store.get('current');
          get.onsuccess = () => {
            const held = (get.result as StoredCredentials | undefined) ?? null;
            if (held && change) store.put({ ...held, ...change });
            open.result.close();
            resolve(held && change ? { ...held, ...change } : held);
          };
        };
      }),
    patch ?? null,
  );
}

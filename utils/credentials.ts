/**
 * The credentials for the shared server, kept in the extension's own IndexedDB, where only
 * extension pages and the worker reach (docs/architecture.md, "The extension"): never in `storage.local`, which content
 * scripts can read, and never sent to a content script.
 */
import { CREDENTIALS_KEY, getDb, type CredentialsRecord } from './db';
import { credentialsChangedAtStorage } from './settings';

/** Credentials as callers give them; the record's key is added here. */
export type Credentials = Omit<CredentialsRecord, 'id'>;

/** The device's credentials, or null when it is not connected. */
export async function readCredentials(): Promise<Credentials | null> {
  const record = await (await getDb()).get('credentials', CREDENTIALS_KEY);
  if (!record) return null;
  const { id: _id, ...credentials } = record;
  return credentials;
}

/**
 * Keeps new credentials (or forgets them, given null), then tells the worker and open pages
 * that they changed. A refresh passes `announce: false`: the same person on the same device
 * is no news, and the client that asked already holds the new token.
 */
export async function writeCredentials(
  credentials: Credentials | null,
  {
    announce = true,
    now = Date.now,
  }: { announce?: boolean; now?: () => number } = {},
): Promise<void> {
  const db = await getDb();
  if (credentials)
    await db.put('credentials', { ...credentials, id: CREDENTIALS_KEY });
  else await db.delete('credentials', CREDENTIALS_KEY);
  if (announce) await credentialsChangedAtStorage.setValue(now());
}

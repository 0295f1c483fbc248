/**
 * Opens the store the environment asks for: PostgreSQL when `DATABASE_URL` is set, otherwise
 * the embedded SQLite file in the data directory.
 */
import { join } from 'node:path';
import { privateDirectory } from './file-modes';
import { SqliteDriver } from './sqlite';
import { SqlStore } from './sql-store';

/** Where the store lives. */
export interface StoreLocation {
  /** A `postgres://` URL; when absent, SQLite is used. */
  databaseUrl?: string;
  /** Directory of `snag.db` for SQLite. */
  dataDir: string;
  /** Reports errors from background connections (the LISTEN client). */
  onError?: (error: unknown) => void;
}

/** Opens and migrates the store. */
export async function openStore(location: StoreLocation): Promise<SqlStore> {
  // Loaded only when used, so CLI commands on SQLite never pay for the PostgreSQL client.
  const store = location.databaseUrl
    ? new SqlStore(
        new (await import('./postgres')).PostgresDriver(location.databaseUrl, {
          onError: location.onError,
        }),
      )
    : new SqlStore(new SqliteDriver(sqlitePath(location.dataDir)));
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

/** The SQLite file inside a data directory, creating the directory (0700) if need be. */
export function sqlitePath(dataDir: string): string {
  privateDirectory(dataDir);
  return join(dataDir, 'snag.db');
}

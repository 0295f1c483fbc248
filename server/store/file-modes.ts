/**
 * Who may read the SQLite data on disk: only the server's own user. Reports can hold personal
 * data despite the warning, so the data directory is 0700 and the database, its WAL and every
 * backup are 0600, whatever the process umask says.
 */
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  statSync,
} from 'node:fs';

/** Mode of the data directory. */
export const PRIVATE_DIR_MODE = 0o700;
/** Mode of the database, its WAL and shared-memory files, and backups. */
export const PRIVATE_FILE_MODE = 0o600;

/** The files SQLite keeps beside a database. */
const SIDE_FILES = ['-wal', '-shm', '-journal'];

/**
 * Creates `dir` as 0700, or tightens it to 0700 when it is ours. A shared directory (sticky,
 * like /tmp) or someone else's is left alone: changing it could break other programs.
 */
export function privateDirectory(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const stat = statSync(dir);
  const ours = process.getuid === undefined || stat.uid === process.getuid();
  const sticky = (stat.mode & 0o1000) !== 0;
  if (ours && !sticky && (stat.mode & 0o777) !== PRIVATE_DIR_MODE)
    chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * Makes sure `file` exists with mode 0600 before SQLite opens it. SQLite gives the WAL and
 * shared-memory files the database file's mode, so they follow.
 */
export function privateFile(file: string): void {
  closeSync(openSync(file, 'a', PRIVATE_FILE_MODE));
  chmodSync(file, PRIVATE_FILE_MODE);
}

/** Tightens a database and whichever of its side files exist (made by an older version). */
export function tightenDatabaseFiles(file: string): void {
  for (const path of [file, ...SIDE_FILES.map((s) => file + s)])
    if (existsSync(path)) chmodSync(path, PRIVATE_FILE_MODE);
}

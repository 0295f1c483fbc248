/**
 * SQLite's files on disk are the server user's alone: the data directory 0700, the database,
 * its WAL and every backup 0600, whatever the umask, and older, looser files are tightened.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore } from '../../server/store/open';
import type { SqliteDriver } from '../../server/store/sqlite';
import { mintUser } from '../../server/tokens';
import { TEST_NOW } from './support/harness';

const mode = (path: string) => statSync(path).mode & 0o777;

describe('file modes (SQLite)', () => {
  let root: string;
  let umask: number;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'snag-modes-'));
    // The loosest usual umask, so the modes cannot come from it.
    umask = process.umask(0o022);
  });
  afterEach(() => {
    process.umask(umask);
    rmSync(root, { recursive: true, force: true });
  });

  it('creates the data directory 0700 and the database, WAL and backups 0600', async () => {
    const dataDir = join(root, 'data');
    const store = await openStore({ dataDir });
    try {
      await store.createUser(mintUser('Ann', 'reporter', null, TEST_NOW).user);
      expect(mode(dataDir)).toBe(0o700);
      const db = join(dataDir, 'snag.db');
      expect(mode(db)).toBe(0o600);
      expect(existsSync(`${db}-wal`)).toBe(true);
      expect(mode(`${db}-wal`)).toBe(0o600);
      expect(mode(`${db}-shm`)).toBe(0o600);
      const backup = join(root, 'snag-backup.db');
      await (store.driver as SqliteDriver).backup(backup);
      expect(mode(backup)).toBe(0o600);
      // Backing up over an older, looser file tightens it too.
      chmodSync(backup, 0o644);
      await (store.driver as SqliteDriver).backup(backup);
      expect(mode(backup)).toBe(0o600);
    } finally {
      await store.close();
    }
  });

  it('tightens a data directory and files left world-readable by an older version', async () => {
    const dataDir = join(root, 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const first = await openStore({ dataDir });
    await first.createUser(mintUser('Ann', 'reporter', null, TEST_NOW).user);
    await first.close();
    const db = join(dataDir, 'snag.db');
    chmodSync(db, 0o644);
    writeFileSync(`${db}-wal`, '', { mode: 0o644 });
    chmodSync(`${db}-wal`, 0o644);
    chmodSync(dataDir, 0o755);
    const store = await openStore({ dataDir });
    try {
      expect(mode(dataDir)).toBe(0o700);
      expect(mode(db)).toBe(0o600);
      expect(mode(`${db}-wal`)).toBe(0o600);
    } finally {
      await store.close();
    }
  });
});

/**
 * Moving from SQLite to PostgreSQL keeps users (and so their tokens), reports, discussion,
 * screenshots, how notes anchored when last seen, and the change cursor.
 */
import { describe, expect, it } from 'vitest';
import { v4 as uuidv4 } from 'uuid';
import { migrateToPostgres } from '../../server/migrate-to-postgres';
import type { PostgresDriver } from '../../server/store/postgres';
import type { SqliteDriver } from '../../server/store/sqlite';
import { hashToken } from '../../server/tokens';
import { addUser, openTestStore, TEST_NOW } from './support/harness';
import { DATABASE_URL } from './support/postgres';
import { makeReport, TINY_PNG } from './support/reports';

describe.runIf(DATABASE_URL)('migrate-to-postgres', () => {
  it('copies everything and refuses to run twice', async () => {
    const source = await openTestStore('sqlite');
    const target = await openTestStore('postgres');
    try {
      const alice = await addUser(source.store, 'Alice', 'reporter');
      const lee = await addUser(source.store, 'Lee', 'reviewer', 'it');
      const report = makeReport({}, 1);
      const now = TEST_NOW.toISOString();
      await source.store.putReport(report, alice.user, now);
      await source.store.putReport(makeReport({}, 2), alice.user, now);
      await source.store.addComment(
        report.id,
        { id: uuidv4(), body: 'Noted' },
        lee.user,
        now,
      );
      await source.store.setVote(report.id, lee.user.id, true, now);
      await source.store.triage(
        report.id,
        { baseVersion: 0, status: 'triaged' },
        lee.user,
        now,
      );
      await source.store.putScreenshot(
        report.id,
        { mediaType: 'image/png', bytes: TINY_PNG },
        now,
      );
      await source.store.recordAnchoring(
        report.id,
        { [report.annotations[0]!.id]: 'fuzzy' },
        now,
      );

      const counts = await migrateToPostgres(
        source.store.driver as SqliteDriver,
        target.store.driver as PostgresDriver,
      );
      expect(counts).toMatchObject({
        users: 2,
        reports: 2,
        comments: 1,
        votes: 1,
        anchoring: 1,
        triage_history: 1,
        screenshots: 1,
      });

      expect(
        (await target.store.userByTokenHash(hashToken(alice.token)))?.id,
      ).toBe(alice.user.id);
      const before = await source.store.getReport(report.id, lee.user.id);
      const after = await target.store.getReport(report.id, lee.user.id);
      expect(after).toEqual(before);
      expect(after?.annotations[0]?.lastSeen).toEqual({
        quality: 'fuzzy',
        at: now,
      });
      expect(
        (await target.store.getScreenshot(report.id))?.bytes.equals(TINY_PNG),
      ).toBe(true);
      // New changes continue after the copied cursor, and history ids after the copied ones.
      const moreTriage = await target.store.triage(
        report.id,
        { baseVersion: 1, status: 'in-progress' },
        lee.user,
        now,
      );
      expect(
        moreTriage.kind === 'ok' && moreTriage.report.serverSeq,
      ).toBeGreaterThan(before?.serverSeq ?? 0);
      await expect(
        migrateToPostgres(
          source.store.driver as SqliteDriver,
          target.store.driver as PostgresDriver,
        ),
      ).rejects.toThrow(/already holds/);
    } finally {
      await source.close();
      await target.close();
    }
  });
});

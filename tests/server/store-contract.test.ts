/**
 * The storage contract: one suite, run against SQLite and (when DATABASE_URL is set)
 * PostgreSQL, so both adapters keep exactly the same promises.
 */
import { LATEST_MIGRATION } from '../../server/store/migrations';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v4 as uuidv4 } from 'uuid';
import type { ReportEvent } from '../../server/store/driver';
import type { StoredReport } from '../../protocol/report';
import { mintUser } from '../../server/tokens';
import {
  addUser,
  openTestStore,
  STORE_KINDS,
  type TestStore,
  type TestUser,
} from './support/harness';
import { makeReport, TINY_PNG } from './support/reports';

/** The same value with every object's keys in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  );
}

const at = (minute: number) =>
  new Date(Date.UTC(2025, 5, 2, 9, minute)).toISOString();

describe.each(STORE_KINDS)('store contract on %s', (kind) => {
  let t: TestStore;
  let alice: TestUser;
  let bob: TestUser;
  let lead: TestUser;

  beforeAll(async () => {
    t = await openTestStore(kind);
    alice = await addUser(t.store, 'Alice', 'reporter');
    bob = await addUser(t.store, 'Bob', 'reporter');
    lead = await addUser(t.store, 'Lee', 'reviewer', 'it');
  });
  afterAll(() => t.close());

  it('runs migrations once and reports the version', async () => {
    expect(t.store.migration).toBe(LATEST_MIGRATION);
    expect(await t.store.migrate()).toBe(LATEST_MIGRATION);
  });

  it('finds live users by token hash only, and forgets revoked ones at once', async () => {
    const { user } = mintUser('Temp', 'reporter');
    await t.store.createUser(user);
    expect((await t.store.userByTokenHash(user.tokenHash))?.name).toBe('Temp');
    await t.store.createSession(
      's-hash',
      user.id,
      'csrf',
      at(0),
      '2999-01-01T00:00:00.000Z',
    );
    expect((await t.store.session('s-hash', at(1)))?.user.id).toBe(user.id);
    expect(await t.store.revokeUser(user.id, at(2))).toBe(true);
    expect(await t.store.userByTokenHash(user.tokenHash)).toBeNull();
    expect(await t.store.session('s-hash', at(3))).toBeNull();
    expect(await t.store.revokeUser(user.id, at(4))).toBe(false);
    expect(
      (await t.store.listUsers()).find((u) => u.id === user.id)?.revokedAt,
    ).toBe(at(2));
  });

  it('expires sessions', async () => {
    await t.store.createSession('old', alice.user.id, 'c', at(0), at(5));
    expect(await t.store.session('old', at(4))).not.toBeNull();
    expect(await t.store.session('old', at(5))).toBeNull();
  });

  it('creates the first admin only when there are no users', async () => {
    const { user } = mintUser('Administrator', 'admin');
    expect(await t.store.createFirstAdmin(user)).toBe(false);
  });

  it('stores a report once, answers retries unchanged, versions edits and refuses other authors', async () => {
    const input = makeReport({}, 1);
    const created = await t.store.putReport(input, alice.user, at(10));
    expect(created.kind).toBe('created');
    if (created.kind === 'forbidden') throw new Error('unexpected');
    expect(created.report).toMatchObject({
      id: input.id,
      status: 'new',
      version: 0,
      votes: 0,
      comments: [],
    });
    expect(created.report.author).toEqual({
      id: alice.user.id,
      name: 'Alice',
      team: null,
    });
    expect(created.report.trying).toBe(input.trying);

    // Key order must not matter for "the same body".
    const reordered = reverseKeys(input) as typeof input;
    const retry = await t.store.putReport(reordered, alice.user, at(11));
    expect(retry.kind).toBe('unchanged');
    if (retry.kind === 'forbidden') throw new Error('unexpected');
    expect(retry.report.serverSeq).toBe(created.report.serverSeq);
    expect(retry.report.receivedAt).toBe(at(10));

    const edited = await t.store.putReport(
      { ...input, whatHappened: 'Now it works' },
      alice.user,
      at(12),
    );
    expect(edited.kind).toBe('updated');
    if (edited.kind === 'forbidden') throw new Error('unexpected');
    expect(edited.report.serverSeq).toBeGreaterThan(created.report.serverSeq);
    expect(edited.report.whatHappened).toBe('Now it works');

    expect((await t.store.putReport(input, bob.user, at(13))).kind).toBe(
      'forbidden',
    );
    expect((await t.store.getReport(input.id))?.whatHappened).toBe(
      'Now it works',
    );
  });

  it('keeps text exactly as given, markup and SQL included', async () => {
    const nasty = `<script>alert("x")</script>'); DROP TABLE reports; -- 50% _under_ \\ é 🙂`;
    const input = makeReport({ trying: nasty }, 2);
    await t.store.putReport(input, alice.user, at(14));
    expect((await t.store.getReport(input.id))?.trying).toBe(nasty);
    const found = await t.store.listReports(
      { q: '50% _under_' },
      { offset: 0, limit: 10 },
    );
    expect(found.reports.map((r) => r.id)).toEqual([input.id]);
    expect(
      (await t.store.listReports({ q: '5_%' }, { offset: 0, limit: 10 })).total,
    ).toBe(0);
  });

  it('feeds changes in serverSeq order and brings changed reports back', async () => {
    // What `/changes` sends, read back as reports.
    const changes = async (since: number, limit: number, viewerId?: string) => {
      const page = await t.store.changesJson(since, limit, viewerId);
      return {
        reports: page.items.map((i) => JSON.parse(i.json) as StoredReport),
        hasMore: page.hasMore,
      };
    };
    const first = await changes(0, 1000);
    const seqs = first.reports.map((r) => r.serverSeq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    const cursor = seqs[seqs.length - 1] ?? 0;
    expect((await changes(cursor, 10)).reports).toEqual([]);

    const target = first.reports[0];
    if (!target) throw new Error('no reports');
    await t.store.setVote(target.id, bob.user.id, true, at(15));
    const next = await changes(cursor, 10, bob.user.id);
    expect(next.reports.map((r) => r.id)).toEqual([target.id]);
    expect(next.reports[0]).toMatchObject({ votes: 1, votedByMe: true });

    const paged = await changes(0, 1);
    expect(paged.hasMore).toBe(true);
    expect(paged.reports).toHaveLength(1);
  });

  it('counts votes once per person and clears them', async () => {
    const input = makeReport({}, 3);
    await t.store.putReport(input, alice.user, at(16));
    expect(await t.store.setVote(input.id, bob.user.id, true, at(17))).toEqual({
      votes: 1,
      votedByMe: true,
    });
    expect(await t.store.setVote(input.id, bob.user.id, true, at(18))).toEqual({
      votes: 1,
      votedByMe: true,
    });
    expect(await t.store.setVote(input.id, lead.user.id, true, at(18))).toEqual(
      { votes: 2, votedByMe: true },
    );
    expect(await t.store.setVote(input.id, bob.user.id, false, at(19))).toEqual(
      { votes: 1, votedByMe: false },
    );
    expect(
      await t.store.setVote(uuidv4(), bob.user.id, true, at(19)),
    ).toBeNull();
  });

  it('adds comments idempotently by id', async () => {
    const input = makeReport({}, 4);
    await t.store.putReport(input, alice.user, at(20));
    const comment = { id: uuidv4(), body: 'Seen this too' };
    const first = await t.store.addComment(
      input.id,
      comment,
      lead.user,
      at(21),
    );
    expect(first).toMatchObject({
      kind: 'created',
      comment: { ...comment, author: { name: 'Lee', team: 'it' } },
    });
    expect(
      (await t.store.addComment(input.id, comment, lead.user, at(22))).kind,
    ).toBe('exists');
    expect(
      (
        await t.store.addComment(
          input.id,
          { ...comment, body: 'other' },
          lead.user,
          at(22),
        )
      ).kind,
    ).toBe('conflict');
    expect(
      (
        await t.store.addComment(
          uuidv4(),
          { id: uuidv4(), body: 'x' },
          lead.user,
          at(22),
        )
      ).kind,
    ).toBe('not-found');
    const report = await t.store.getReport(input.id);
    expect(report?.comments.map((c) => c.body)).toEqual(['Seen this too']);
    expect(report?.comments[0]?.createdAt).toBe(at(21));
  });

  it('guards triage with baseVersion, records history and handles duplicates', async () => {
    const a = makeReport({}, 5);
    const b = makeReport({}, 6);
    await t.store.putReport(a, alice.user, at(23));
    await t.store.putReport(b, alice.user, at(24));
    const ok = await t.store.triage(
      a.id,
      { baseVersion: 0, status: 'triaged', usabilitySeverity: 3 },
      lead.user,
      at(25),
    );
    expect(ok.kind).toBe('ok');
    if (ok.kind !== 'ok') throw new Error('unexpected');
    expect(ok.report).toMatchObject({
      status: 'triaged',
      usabilitySeverity: 3,
      version: 1,
    });
    expect(ok.report.history).toEqual([
      {
        at: at(25),
        author: { id: lead.user.id, name: 'Lee', team: 'it' },
        changes: { status: ['new', 'triaged'], usabilitySeverity: [null, 3] },
      },
    ]);

    const stale = await t.store.triage(
      a.id,
      { baseVersion: 0, securityRisk: 2 },
      alice.user,
      at(26),
    );
    expect(stale.kind).toBe('conflict');
    if (stale.kind !== 'conflict') throw new Error('unexpected');
    expect(stale.current.version).toBe(1);
    expect(stale.changedBy.name).toBe('Lee');

    const dup = await t.store.triage(
      b.id,
      { baseVersion: 0, duplicateOf: a.id },
      lead.user,
      at(27),
    );
    expect(dup.kind === 'ok' && dup.report.status).toBe('duplicate');
    expect(
      (
        await t.store.triage(
          b.id,
          { baseVersion: 1, duplicateOf: b.id },
          lead.user,
          at(28),
        )
      ).kind,
    ).toBe('bad-duplicate');
    expect(
      (await t.store.triage(uuidv4(), { baseVersion: 0 }, lead.user, at(28)))
        .kind,
    ).toBe('not-found');
    const before = await t.store.getReport(a.id);
    const noop = await t.store.triage(
      a.id,
      { baseVersion: 1, status: 'triaged' },
      lead.user,
      at(29),
    );
    expect(noop.kind === 'ok' && noop.report.serverSeq).toBe(before?.serverSeq);
  });

  it('filters, sorts and counts lists', async () => {
    const mine = await t.store.listReports(
      { authorId: bob.user.id },
      { offset: 0, limit: 50 },
    );
    expect(mine.total).toBe(0);
    const insecure = await t.store.listReports(
      { problem: 'insecure-workaround' },
      { offset: 0, limit: 50 },
    );
    expect(
      insecure.reports.every((r) =>
        r.problems.some((p) => p.kind === 'insecure-workaround'),
      ),
    ).toBe(true);
    const all = await t.store.listReports({}, { offset: 0, limit: 200 });
    expect(all.total).toBe(all.reports.length);
    const received = all.reports.map((r) => r.receivedAt);
    expect(received).toEqual([...received].sort().reverse());
    const bySeverity = await t.store.listReports(
      { sort: 'severity' },
      { offset: 0, limit: 1 },
    );
    expect(bySeverity.reports[0]?.usabilitySeverity).toBe(3);
    const untriaged = await t.store.listReports(
      { severity: null },
      { offset: 0, limit: 200 },
    );
    expect(untriaged.reports.every((r) => r.usabilitySeverity === null)).toBe(
      true,
    );
    expect(untriaged.total).toBe(all.total - 1);
    const page2 = await t.store.listReports({}, { offset: 1, limit: 1 });
    expect(page2.reports[0]?.id).toBe(all.reports[1]?.id);
    const byCategory = await t.store.listReports(
      { category: 'slow', status: ['new'] },
      { offset: 0, limit: 200 },
    );
    expect(byCategory.reports.every((r) => r.status === 'new')).toBe(true);
    const url = all.reports[0]?.page.url ?? '';
    const onPage = await t.store.listReports(
      { url },
      { offset: 0, limit: 200 },
    );
    expect(onPage.reports.every((r) => r.page.url === url)).toBe(true);
    expect(
      (
        await t.store.listReports(
          { from: '2025-06-02', to: '2025-06-02' },
          { offset: 0, limit: 200 },
        )
      ).total,
    ).toBe(all.total);
    expect(
      (
        await t.store.listReports(
          { to: '2025-06-01' },
          { offset: 0, limit: 200 },
        )
      ).total,
    ).toBe(0);
  });

  it('stores and returns screenshots byte for byte', async () => {
    const input = makeReport({}, 7);
    await t.store.putReport(input, alice.user, at(30));
    await t.store.putScreenshot(
      input.id,
      { mediaType: 'image/png', bytes: TINY_PNG },
      at(31),
    );
    const shot = await t.store.getScreenshot(input.id);
    expect(shot?.mediaType).toBe('image/png');
    expect(shot?.bytes.equals(TINY_PNG)).toBe(true);
    expect(await t.store.getScreenshot(uuidv4())).toBeNull();
  });

  it('applies the service catalogue to new reports and re-applies it on demand', async () => {
    await t.store.putServices([
      {
        hostname: 'example-council.gov.uk',
        pathPrefix: '/',
        name: 'Council website',
      },
      {
        hostname: 'www.example-council.gov.uk',
        pathPrefix: '/parking',
        name: 'Parking permits',
      },
    ]);
    expect(await t.store.getServices()).toHaveLength(2);
    const parking = makeReport({}, 9);
    const created = await t.store.putReport(parking, alice.user, at(32));
    expect(created.kind !== 'forbidden' && created.report.page.service).toBe(
      'Parking permits',
    );
    const changed = await t.store.reapplyServices(at(33));
    expect(changed).toBeGreaterThan(0);
    const all = await t.store.listReports({}, { offset: 0, limit: 200 });
    for (const r of all.reports) {
      expect(r.page.service).toBe(
        r.page.url.includes('/parking') ? 'Parking permits' : 'Council website',
      );
    }
    expect(await t.store.reapplyServices(at(34))).toBe(0);
  });

  it('counts open reports in the matrix', async () => {
    const cells = await t.store.matrix();
    const open = await t.store.listReports(
      { status: ['new', 'triaged', 'in-progress'] },
      { offset: 0, limit: 200 },
    );
    expect(cells.reduce((n, c) => n + c.count, 0)).toBe(open.total);
    expect(
      cells.find((c) => c.usabilitySeverity === 3 && c.securityRisk === null)
        ?.count,
    ).toBe(1);
  });

  it('announces committed changes to listeners', async () => {
    const events: ReportEvent[] = [];
    const off = t.store.onEvent((e) => {
      if (e.type !== 'access-changed') events.push(e);
    });
    await t.store.eventsReady();
    const input = makeReport({}, 10);
    const created = await t.store.putReport(input, alice.user, at(35));
    await expect.poll(() => events.length).toBeGreaterThan(0);
    off();
    expect(events[0]).toEqual({
      type: 'report-created',
      id: input.id,
      serverSeq: created.kind !== 'forbidden' ? created.report.serverSeq : -1,
    });
  });

  it('iterates every matching report, oldest first, across batches', async () => {
    const extra = Array.from({ length: 510 }, (_, i) =>
      makeReport({}, 100 + i),
    );
    await Promise.all(
      extra.map((r, i) =>
        t.store.putReport(
          r,
          bob.user,
          new Date(Date.UTC(2025, 6, 1, 0, 0, i)).toISOString(),
        ),
      ),
    );
    const seen: string[] = [];
    for await (const report of t.store.iterateReports({
      authorId: bob.user.id,
    }))
      seen.push(report.receivedAt);
    expect(seen).toHaveLength(510);
    expect(seen).toEqual([...seen].sort());
  });
});

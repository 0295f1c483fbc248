/**
 * The server's rules, without a database: what a triage patch, a PUT, a comment, a vote and a
 * list query mean, and who may change what.
 */
import { describe, expect, it } from 'vitest';
import type { Triage } from '../../protocol/report';
import { mayAddScreenshot, revokeProblem } from '../../server/domain/access';
import {
  normaliseCatalogue,
  renamedService,
} from '../../server/domain/catalogue';
import {
  commentOf,
  planComment,
  votesAfter,
} from '../../server/domain/discussion';
import {
  filterFromQuery,
  listRequest,
} from '../../server/domain/report-filter';
import {
  newReport,
  planPut,
  reportHash,
  withService,
} from '../../server/domain/reports';
import {
  changedBy,
  mergeTriage,
  planTriage,
  triageDiff,
} from '../../server/domain/triage';
import { makeReport } from './support/reports';

const UNTRIAGED: Triage = {
  status: 'new',
  usabilitySeverity: null,
  securityRisk: null,
  assignee: null,
  duplicateOf: null,
};
const REPORT = '0190a5c4-0000-7000-8000-000000000001';
const ORIGINAL = '0190a5c4-0000-7000-8000-000000000002';
const lee = { id: 'u-lee', name: 'Lee', team: 'it' as const };

describe('triage rules', () => {
  it('replaces the fields a patch names, clears with null, and keeps the rest', () => {
    const before: Triage = { ...UNTRIAGED, securityRisk: 2, assignee: 'Sam' };
    expect(
      mergeTriage(before, { usabilitySeverity: 3, assignee: null }),
    ).toEqual({ ...before, usabilitySeverity: 3, assignee: null });
    expect(mergeTriage(before, {})).toEqual(before);
  });

  it('makes a report a duplicate when it names an original, whatever status was sent', () => {
    expect(
      mergeTriage(UNTRIAGED, { duplicateOf: ORIGINAL, status: 'triaged' }),
    ).toMatchObject({ status: 'duplicate', duplicateOf: ORIGINAL });
    // Clearing the original leaves the status to the patch.
    const dup: Triage = {
      ...UNTRIAGED,
      status: 'duplicate',
      duplicateOf: ORIGINAL,
    };
    expect(
      mergeTriage(dup, { duplicateOf: null, status: 'triaged' }),
    ).toMatchObject({ status: 'triaged', duplicateOf: null });
  });

  it('records each changed field as [before, after], in field order', () => {
    const after: Triage = { ...UNTRIAGED, status: 'fixed', securityRisk: 4 };
    const diff = triageDiff(UNTRIAGED, after);
    expect(diff).toEqual({ status: ['new', 'fixed'], securityRisk: [null, 4] });
    expect(Object.keys(diff)).toEqual(['status', 'securityRisk']);
    expect(triageDiff(after, after)).toEqual({});
  });

  it('plans a patch: stale, impossible duplicate, no change, or a change', () => {
    const current = { triage: UNTRIAGED, version: 2 };
    expect(
      planTriage(REPORT, current, { baseVersion: 1, status: 'fixed' }, false),
    ).toEqual({ kind: 'stale' });
    expect(
      planTriage(
        REPORT,
        current,
        { baseVersion: 2, duplicateOf: REPORT },
        true,
      ),
    ).toEqual({
      kind: 'bad-duplicate',
      message: 'A report cannot duplicate itself',
    });
    expect(
      planTriage(
        REPORT,
        current,
        { baseVersion: 2, duplicateOf: ORIGINAL },
        false,
      ),
    ).toEqual({
      kind: 'bad-duplicate',
      message: 'duplicateOf names no known report',
    });
    expect(
      planTriage(REPORT, current, { baseVersion: 2, status: 'new' }, false),
    ).toEqual({ kind: 'unchanged' });
    expect(
      planTriage(
        REPORT,
        current,
        { baseVersion: 2, duplicateOf: ORIGINAL },
        true,
      ),
    ).toEqual({
      kind: 'change',
      next: { ...UNTRIAGED, status: 'duplicate', duplicateOf: ORIGINAL },
      changes: { status: ['new', 'duplicate'], duplicateOf: [null, ORIGINAL] },
    });
  });

  it('names the last triager in a conflict, or the author before any triage', () => {
    const author = { id: 'u-ray', name: 'Ray', team: null };
    expect(changedBy(lee, { author })).toBe(lee);
    expect(changedBy(null, { author })).toBe(author);
  });
});

describe('report rules', () => {
  it('creates, updates for the author, refuses others, and leaves a retry alone', () => {
    const stored = { authorId: 'u-ray', bodyHash: 'h1' };
    expect(planPut(null, 'u-ray', 'h1')).toBe('create');
    expect(planPut(stored, 'u-ray', 'h1')).toBe('unchanged');
    expect(planPut(stored, 'u-ray', 'h2')).toBe('update');
    expect(planPut(stored, 'u-olu', 'h1')).toBe('forbidden');
    expect(planPut(stored, 'u-olu', 'h2')).toBe('forbidden');
  });

  it('hashes a body the same whatever order its keys were written in', () => {
    const input = makeReport({}, 1);
    const reordered = Object.fromEntries(
      Object.entries(input).reverse(),
    ) as typeof input;
    expect(reportHash(reordered)).toBe(reportHash(input));
    expect(reportHash({ ...input, trying: 'other' })).not.toBe(
      reportHash(input),
    );
  });

  it('names the page by the catalogue and starts a new report untriaged', () => {
    const input = makeReport({}, 2);
    const body = withService(input, 'Bins');
    expect(body.page).toEqual({ ...input.page, service: 'Bins' });
    expect(input.page.service).toBe('');
    const report = newReport(body, {
      serverSeq: 7,
      receivedAt: '2025-06-02T09:00:00.000Z',
      author: lee,
    });
    expect(report).toMatchObject({
      id: input.id,
      page: { service: 'Bins' },
      serverSeq: 7,
      status: 'new',
      usabilitySeverity: null,
      securityRisk: null,
      assignee: null,
      duplicateOf: null,
      version: 0,
      votes: 0,
      votedByMe: false,
      comments: [],
    });
  });
});

describe('discussion rules', () => {
  const request = { reportId: REPORT, authorId: 'u-lee', body: 'On it' };
  const stored = { ...request, createdAt: '2025-06-02T09:00:00.000Z' };

  it('treats a comment id as the comment: new, a retry, or a clash', () => {
    expect(planComment(null, request)).toEqual({ kind: 'create' });
    expect(planComment(stored, request)).toEqual({
      kind: 'exists',
      createdAt: stored.createdAt,
    });
    expect(planComment(stored, { ...request, body: 'Other' })).toEqual({
      kind: 'conflict',
    });
    expect(planComment(stored, { ...request, authorId: 'u-olu' })).toEqual({
      kind: 'conflict',
    });
    expect(planComment(stored, { ...request, reportId: ORIGINAL })).toEqual({
      kind: 'conflict',
    });
  });

  it('answers a comment with its author and time', () => {
    expect(
      commentOf({ id: 'c1', body: 'On it' }, lee, stored.createdAt),
    ).toEqual({
      id: 'c1',
      body: 'On it',
      createdAt: stored.createdAt,
      author: lee,
    });
  });

  it('counts a "me too" once per person', () => {
    expect(votesAfter(2, true, true)).toBe(3);
    expect(votesAfter(3, true, false)).toBe(3);
    expect(votesAfter(3, false, true)).toBe(2);
    expect(votesAfter(2, false, false)).toBe(2);
  });
});

describe('access rules', () => {
  it('lets the author or an admin add the screenshot, and no one else', () => {
    expect(mayAddScreenshot({ id: 'a', role: 'reporter' }, 'a')).toBe(true);
    expect(mayAddScreenshot({ id: 'b', role: 'admin' }, 'a')).toBe(true);
    expect(mayAddScreenshot({ id: 'b', role: 'reviewer' }, 'a')).toBe(false);
    expect(mayAddScreenshot({ id: 'b', role: 'reporter' }, 'a')).toBe(false);
  });

  it('stops an admin revoking themselves', () => {
    expect(revokeProblem({ id: 'a', role: 'admin' }, 'a')).toBe(
      'Admins cannot revoke themselves',
    );
    expect(revokeProblem({ id: 'a', role: 'admin' }, 'b')).toBeNull();
  });
});

describe('catalogue rules', () => {
  it('lower-cases hostnames, gives an empty prefix the whole site, and refuses repeats', () => {
    expect(
      normaliseCatalogue([
        { hostname: 'WWW.Example.gov.uk', pathPrefix: '', name: 'Site' },
      ]),
    ).toEqual({
      ok: true,
      entries: [
        { hostname: 'www.example.gov.uk', pathPrefix: '/', name: 'Site' },
      ],
    });
    expect(
      normaliseCatalogue([
        { hostname: 'example.gov.uk', pathPrefix: '/', name: 'A' },
        { hostname: 'EXAMPLE.gov.uk', pathPrefix: '', name: 'B' },
      ]),
    ).toEqual({
      ok: false,
      message: 'each hostname and path prefix may appear once',
    });
  });
});

describe('re-applying the catalogue', () => {
  const catalogue = [
    { hostname: 'example.gov.uk', pathPrefix: '/parking', name: 'Parking' },
  ];
  it('renames a report only when the catalogue now names it differently', () => {
    const page = {
      pageUrl: 'https://www.example.gov.uk/parking/apply',
      clientService: 'www.example.gov.uk',
    };
    expect(renamedService(catalogue, { ...page, service: 'Old name' })).toBe(
      'Parking',
    );
    expect(renamedService(catalogue, { ...page, service: 'Parking' })).toBe(
      null,
    );
    // With no entry for the page, the client's own guess is the name again.
    expect(
      renamedService(catalogue, {
        pageUrl: 'https://www.example.gov.uk/bins',
        clientService: 'Bins',
        service: 'Parking',
      }),
    ).toBe('Bins');
  });
});

describe('list query rules', () => {
  it('turns query parameters into the store filter', () => {
    expect(
      filterFromQuery(
        {
          status: 'new, triaged,',
          severity: 'none',
          risk: '3',
          mine: '1',
          q: 'bins',
          problem: 'insecure-workaround',
        },
        'u-ray',
      ),
    ).toEqual({
      ok: true,
      value: {
        status: ['new', 'triaged'],
        severity: null,
        risk: 3,
        authorId: 'u-ray',
        q: 'bins',
        problem: 'insecure-workaround',
        sort: 'newest',
      },
    });
    expect(filterFromQuery({ mine: 'false', sort: 'votes' }, 'u-ray')).toEqual({
      ok: true,
      value: { sort: 'votes' },
    });
  });

  it('names an unknown status', () => {
    expect(filterFromQuery({ status: 'new,closed' }, 'u-ray')).toEqual({
      ok: false,
      message: 'query.status: unknown status "closed"',
    });
  });

  it('reads the page: 50 from the start by default, at most 200', () => {
    expect(listRequest({}, 'u')).toMatchObject({
      ok: true,
      value: { offset: 0, limit: 50 },
    });
    expect(listRequest({ cursor: '100', limit: '200' }, 'u')).toMatchObject({
      ok: true,
      value: { offset: 100, limit: 200 },
    });
    expect(listRequest({ limit: '201' }, 'u')).toEqual({
      ok: false,
      message: 'query.limit: between 1 and 200',
    });
    expect(listRequest({ limit: '0' }, 'u').ok).toBe(false);
  });
});

/**
 * Reports from older schema versions, with missing selectors, odd characters or damaged
 * fields: the export writes them validly, or leaves them out with a count and a reason in
 * its summary, and the document stays whole either way.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_PREFIX } from '../../protocol/api';
import {
  ANNOTATION_ASSERTIONS,
  COLLECTION_ASSERTIONS,
  failedMusts,
  PAGE_ASSERTIONS,
} from '../../server/export/assertions';
import {
  annotationCollection,
  exportContext,
} from '../../server/export/jsonld';
import { openTestApp, STORE_KINDS, type TestApp } from './support/harness';
import { makeReport } from './support/reports';

type Json = Record<string, unknown>;
interface Collection extends Json {
  first?: Json & { items: Json[] };
  'snag:summary': {
    'snag:reportsRead': number;
    'snag:leftOut': number;
    'snag:adjusted': number;
    'snag:notes': Json[];
    'snag:notesNotListed'?: number;
  };
}

const STORED = (
  JSON.parse(
    readFileSync(
      resolve(import.meta.dirname, '../fixtures/w3c/stored-reports.json'),
      'utf8',
    ),
  ) as { reports: Record<string, Json> }
).reports;
const AUTHOR = {
  id: '0190c2aa-2222-7bbb-8bbb-00000000000a',
  name: 'Ray Reporter',
  team: null,
};
const CONTEXT = exportContext({
  origin: 'https://snag.northmoor.gov.uk',
  path: `${API_PREFIX}/export.jsonld`,
  at: new Date('2026-03-02T16:45:00.000Z'),
});

/** A stored body as the store reads it back: the server's own fields added. */
function asRead(body: Json): Json {
  return { ...body, author: AUTHOR, status: 'new', comments: [] };
}

async function exportOf(reports: Iterable<unknown>): Promise<Collection> {
  let text = '';
  for await (const chunk of annotationCollection(
    (async function* () {
      yield* reports;
    })(),
    CONTEXT,
  ))
    text += chunk;
  return JSON.parse(text) as Collection;
}

function expectValid(doc: Collection) {
  expect(failedMusts(COLLECTION_ASSERTIONS, doc)).toEqual([]);
  if (doc.first) expect(failedMusts(PAGE_ASSERTIONS, doc)).toEqual([]);
  for (const item of doc.first?.items ?? [])
    expect(
      failedMusts(ANNOTATION_ASSERTIONS, {
        '@context': doc['@context'],
        ...item,
      }),
      String(item.id),
    ).toEqual([]);
}

function notesAbout(doc: Collection, reportId: string) {
  return doc['snag:summary']['snag:notes'].filter(
    (n) => n['snag:report'] === `urn:uuid:${reportId}`,
  );
}

describe('the export of stored reports that are old, odd or damaged', () => {
  let doc: Collection;
  const items = () => doc.first?.items ?? [];
  const itemsOf = (key: string) =>
    items().filter(
      (i) => i['snag:report'] === `urn:uuid:${String(STORED[key]!.id)}`,
    );

  beforeAll(async () => {
    doc = await exportOf(Object.values(STORED).map(asRead));
  });

  it('stays one valid document that meets every MUST', () => {
    expectValid(doc);
    expect(doc.total).toBe(items().length);
    expect(items()).toHaveLength(6);
  });

  it('counts what it read, left out and repaired, with a reason for each', () => {
    const summary = doc['snag:summary'];
    expect(summary['snag:reportsRead']).toBe(8);
    expect(summary['snag:leftOut']).toBe(5);
    expect(summary['snag:adjusted']).toBe(6);
    expect(summary['snag:notes']).toHaveLength(11);
    for (const note of summary['snag:notes']) {
      expect(['left out', 'adjusted']).toContain(note['snag:outcome']);
      expect(String(note['snag:reason']).length).toBeGreaterThan(10);
    }
  });

  it('writes an old client’s Hypothesis-style range in the W3C shape', () => {
    const [item] = itemsOf('old-hypothesis-range');
    expect((item!.target as Json).selector).toEqual([
      {
        type: 'RangeSelector',
        startSelector: {
          type: 'XPathSelector',
          value: '/html[1]/body[1]/main[1]/p[2]',
          refinedBy: { type: 'TextPositionSelector', start: 0, end: 0 },
        },
        endSelector: {
          type: 'XPathSelector',
          value: '/html[1]/body[1]/main[1]/p[2]',
          refinedBy: { type: 'TextPositionSelector', start: 24, end: 24 },
        },
      },
    ]);
    expect(notesAbout(doc, String(STORED['old-hypothesis-range']!.id))).toEqual(
      [],
    );
  });

  it('targets the whole page for a pin stored without selectors, and says so', () => {
    const report = STORED['missing-selectors']!;
    const [item] = itemsOf('missing-selectors');
    expect(item!.target).toBe((report.page as Json).url);
    expect(
      (item!.body as Json[]).some(
        (b) => b.value === 'Pinned before selectors were stored',
      ),
    ).toBe(true);
    expect(notesAbout(doc, String(report.id))).toEqual([
      expect.objectContaining({
        'snag:annotation': 'urn:uuid:0190c2aa-1111-4aaa-8aaa-0000000000b1',
        'snag:outcome': 'adjusted',
        'snag:reason': expect.stringContaining('whole page'),
      }),
    ]);
  });

  it('keeps real text (right-to-left marks, emoji, markup) and replaces what is not text', () => {
    const [item] = itemsOf('odd-characters');
    const [note, description] = item!.body as Json[];
    expect(note!.value).toBe(
      'Null \ufffd byte, "quotes", <b>markup</b> & a backslash \\',
    );
    expect(description!.value).toBe(
      'Trying to: Send evidence \u202eright-to-left\u202c and 🙂 emoji\n\n' +
        'What got in the way: Pasted from a PDF: a bell \ufffd and a lone half \ufffd of an emoji',
    );
    // `EN_gb` as a browser once wrote it, as a language tag.
    expect(note!.language).toBe('en-GB');
    expect(
      notesAbout(doc, String(STORED['odd-characters']!.id)).map(
        (n) => n['snag:outcome'],
      ),
    ).toEqual(['adjusted', 'adjusted']);
  });

  it('leaves out pins that are not objects, derives an id for one without, and keeps usable selectors', () => {
    const report = STORED['unusable-pins']!;
    const exported = itemsOf('unusable-pins');
    expect(exported).toHaveLength(2);
    const [handMade, partial] = exported;
    expect(handMade!.id).toMatch(
      /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect((handMade!.target as Json).selector).toEqual([
      { type: 'CssSelector', value: 'body #reference' },
    ]);
    expect((partial!.target as Json).selector).toEqual([
      { type: 'TextQuoteSelector', exact: 'Your reference' },
    ]);
    // Its date could not be read, so it is not claimed.
    expect(handMade).not.toHaveProperty('created');
    const notes = notesAbout(doc, String(report.id));
    expect(notes.map((n) => n['snag:outcome'])).toEqual([
      'left out',
      'left out',
      'adjusted',
      'adjusted',
    ]);
    expect(notes[3]!['snag:reason']).toContain(
      '2 of its selectors could not be used',
    );
  });

  it('exports a report whose annotations are not a list as one note on the page', () => {
    const report = STORED['annotations-not-a-list']!;
    const [item] = itemsOf('annotations-not-a-list');
    expect(item!.id).toBe(`urn:uuid:${String(report.id)}`);
    expect(item!.target).toBe((report.page as Json).url);
  });

  it('leaves out reports without an id or a usable page address, saying why', () => {
    const leftOut = doc['snag:summary']['snag:notes'].filter(
      (n) =>
        n['snag:outcome'] === 'left out' &&
        !String(n['snag:reason']).startsWith('Annotation '),
    );
    expect(leftOut.map((n) => n['snag:position'])).toEqual([5, 6, 7]);
    expect(leftOut.map((n) => n['snag:report'])).toEqual([
      `urn:uuid:${String(STORED['no-page-address']!.id)}`,
      `urn:uuid:${String(STORED['page-address-with-spaces']!.id)}`,
      undefined,
    ]);
    expect(String(leftOut[0]!['snag:reason'])).toContain('page address');
    expect(String(leftOut[2]!['snag:reason'])).toContain('no valid id');
    for (const key of ['no-page-address', 'page-address-with-spaces', 'no-id'])
      expect(itemsOf(key)).toEqual([]);
  });

  it('leaves out a report that throws while it is read, and goes on with the next', async () => {
    const hostile = {};
    Object.defineProperty(hostile, 'id', {
      enumerable: true,
      get() {
        throw new Error('unreadable row');
      },
    });
    const good = asRead(STORED['old-hypothesis-range']!);
    const result = await exportOf([hostile, good]);
    expectValid(result);
    expect(result.total).toBe(1);
    expect(result['snag:summary']['snag:notes']).toEqual([
      {
        'snag:position': 0,
        'snag:outcome': 'left out',
        'snag:reason': 'The report could not be read: unreadable row',
      },
    ]);
  });

  it('leaves out, rather than writes, an annotation that would break a MUST', async () => {
    // Past the year 9999 a date-time has six digits and a sign, which xsd:dateTime does not allow.
    const farFuture = exportContext({
      origin: 'https://snag.northmoor.gov.uk',
      path: `${API_PREFIX}/export.jsonld`,
      at: new Date(8.64e15),
    });
    let text = '';
    for await (const chunk of annotationCollection(
      (async function* () {
        yield asRead(STORED['old-hypothesis-range']!);
      })(),
      farFuture,
    ))
      text += chunk;
    const result = JSON.parse(text) as Collection;
    expectValid(result);
    expect(result.total).toBe(0);
    expect(result['snag:summary']['snag:notes']).toEqual([
      expect.objectContaining({
        'snag:annotation': 'urn:uuid:0190c2aa-1111-4aaa-8aaa-0000000000a1',
        'snag:outcome': 'left out',
        'snag:reason': expect.stringContaining(
          '3.3.1-annotationGeneratedValidated',
        ),
      }),
    ]);
  });

  it('lists the first hundred notes and counts the rest', async () => {
    const result = await exportOf(
      Array.from({ length: 150 }, () => asRead(STORED['no-id']!)),
    );
    expectValid(result);
    expect(result.total).toBe(0);
    expect(result['snag:summary']['snag:leftOut']).toBe(150);
    expect(result['snag:summary']['snag:notes']).toHaveLength(100);
    expect(result['snag:summary']['snag:notesNotListed']).toBe(50);
  });
});

describe.each(STORE_KINDS)(
  'rows written by older code, exported through the API on %s',
  (kind) => {
    let t: TestApp;
    const kept = makeReport({}, 2);
    const aged = makeReport({}, 4);
    const broken = makeReport({}, 6);

    beforeAll(async () => {
      t = await openTestApp(
        kind,
        {},
        () => new Date('2026-03-02T16:45:00.000Z'),
      );
      for (const report of [kept, aged, broken]) {
        const res = await t.app.inject({
          method: 'PUT',
          url: `${API_PREFIX}/reports/${report.id}`,
          headers: t.reporter.auth,
          payload: report,
        });
        expect(res.statusCode).toBe(201);
      }
      // As an older client's report, or a damaged one, would have been stored.
      const rewrite = (id: string, body: Json) =>
        t.store.driver.run('UPDATE reports SET body = ? WHERE id = ?', [
          JSON.stringify({ ...body, id }),
          id,
        ]);
      await rewrite(aged.id, STORED['old-hypothesis-range']!);
      await rewrite(broken.id, STORED['no-page-address']!);
    });
    afterAll(() => t.close());

    it('serves a whole, valid collection with the damaged report left out and counted', async () => {
      const res = await t.app.inject({
        url: `${API_PREFIX}/export.jsonld`,
        headers: t.reviewer.auth,
      });
      expect(res.statusCode).toBe(200);
      const doc = res.json() as Collection;
      expectValid(doc);
      const reportsIn = new Set(doc.first!.items.map((i) => i['snag:report']));
      expect(reportsIn).toEqual(
        new Set([`urn:uuid:${kept.id}`, `urn:uuid:${aged.id}`]),
      );
      expect(doc['snag:summary']).toMatchObject({
        'snag:reportsRead': 3,
        'snag:leftOut': 1,
      });
      expect(doc['snag:summary']['snag:notes']).toEqual([
        expect.objectContaining({
          'snag:report': `urn:uuid:${broken.id}`,
          'snag:outcome': 'left out',
          'snag:reason': expect.stringContaining('page address'),
        }),
      ]);
    });
  },
);

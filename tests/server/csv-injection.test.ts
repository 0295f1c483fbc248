/**
 * The CSV export follows OWASP's CSV-injection guidance in full: every cell that a spreadsheet
 * would run is shown as text, every field is quoted, and the stored report keeps what was sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defuseFormula } from '../../server/export/csv';
import { openTestApp, STORE_KINDS, type TestApp } from './support/harness';
import { makeReport } from './support/reports';

const DANGEROUS = [
  '=1+1',
  '+1+1',
  '-1+1',
  '@SUM(A1)',
  '\t=1+1',
  '\r=1+1',
  '\n=1+1',
  ' =1+1',
  '   @SUM(A1)',
  '\u00A0=1+1',
  '\u3000=1+1',
  '＝HYPERLINK("http://evil")',
  '＋1',
  '－1',
  '＠SUM(A1)',
  ' ＝1',
];

describe('defuseFormula', () => {
  it.each(DANGEROUS)('shows %j as text', (value) => {
    expect(defuseFormula(value)).toBe(`'${value}`);
  });

  it('leaves ordinary text alone', () => {
    for (const value of [
      'Bins',
      'a = b',
      'call 0300 123',
      'e-mail',
      '',
      "'quoted",
    ])
      expect(defuseFormula(value)).toBe(value);
  });
});

describe.each(STORE_KINDS)('CSV export on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await openTestApp(kind);
  });
  afterAll(() => t.close());

  it('neutralises every dangerous start and quotes every field', async () => {
    const sent = DANGEROUS.filter((v) => v.trim() !== '' && !/^[\r\n]/.test(v));
    const ids: string[] = [];
    for (const [i, value] of DANGEROUS.entries()) {
      const report = makeReport(
        { trying: `keep ${i}`, whatHappened: value },
        i,
      );
      report.page.title = value;
      ids.push(report.id);
      const res = await t.app.inject({
        method: 'PUT',
        url: `/api/v1/reports/${report.id}`,
        headers: t.reporter.auth,
        payload: report,
      });
      expect(res.statusCode).toBe(201);
    }
    const csv = await t.app.inject({
      url: '/api/v1/export.csv',
      headers: t.reviewer.auth,
    });
    expect(csv.statusCode).toBe(200);
    for (const value of DANGEROUS) {
      const quoted = `"'${value.replaceAll('"', '""')}"`;
      expect(csv.body).toContain(quoted);
    }
    // Every field is quoted: a row never has a bare value after a separator.
    const rows = csv.body
      .replace(/^\uFEFF/, '')
      .split('\r\n')
      .filter(Boolean);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows
      .slice(1)
      .filter((r) => ids.some((id) => r.startsWith(`"${id}"`))))
      expect(row).not.toMatch(/,[^",]/);
    expect(sent.length).toBeGreaterThan(0);
    const stored = await t.app.inject({
      url: `/api/v1/reports/${ids[0]}`,
      headers: t.reviewer.auth,
    });
    expect(stored.json().whatHappened).toBe(DANGEROUS[0]);
  });
});

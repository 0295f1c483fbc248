/**
 * Generated hostile requests across every API route, and the store checks that must still hold
 * afterwards. Shared by the server suite (a small count) and `npm run fuzz` (the full count).
 */
import fc from 'fast-check';
import type { InjectOptions } from 'fastify';
import { storedReport } from '../../../protocol/report';
import { wellFormed } from '../../../protocol/text';
import type { SqliteDriver } from '../../../server/store/sqlite';
import type { TestApp } from './harness';
import { makeReport } from './reports';

/** The seed every run uses, so a failure can be replayed. */
export const FUZZ_SEED = 20_261_201;

/** What a fuzz run found. */
export interface FuzzOutcome {
  runs: number;
  /** Answers by status class: `2xx`, `4xx`, … */
  byClass: Record<string, number>;
  /** Requests that got a 5xx (or threw), to replay. */
  failures: Array<{ request: InjectOptions; status: number | string }>;
}

const CONTROL = fc.constantFrom(
  '\u0000',
  '\u0007',
  '\u001B',
  '\u007F',
  '\u0085',
  '\uD800',
  '\uDC00',
);

/** Strings people and attackers send: odd Unicode, control characters, huge, or injection. */
const oddString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc
    .tuple(fc.string({ maxLength: 10 }), CONTROL, fc.string({ maxLength: 10 }))
    .map((p) => p.join('')),
  fc.constantFrom(
    "'; DROP TABLE reports; --",
    '%00',
    '../../etc/passwd',
    '=HYPERLINK("x")',
    '<script>x</script>',
    '0',
    '-1',
    '1e309',
    'NaN',
    '{"a":',
    '',
  ),
  fc.integer({ min: 5_000, max: 300_000 }).map((n) => 'x'.repeat(n)),
);

/** Any JSON value, including odd strings at any depth. */
const anyJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    oddString,
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(
        oddString,
        fc.constantFrom(
          'id',
          'body',
          'baseVersion',
          'status',
          'token',
          'name',
          'role',
          '__proto__',
          'constructor',
        ),
      ),
      tie('value'),
      { maxKeys: 4 },
    ),
  ),
})).value;

/** A valid report with one field replaced by something else. */
const mutatedReport = fc
  .tuple(
    fc.nat(),
    fc.constantFrom(
      'id',
      'page',
      'problems',
      'trying',
      'whatHappened',
      'annotations',
      'environment',
      'createdAt',
      'screenshot',
      'schemaVersion',
    ),
    anyJson,
  )
  .map(([seed, key, value]) => ({ ...makeReport({}, seed), [key]: value }));

/** A body as bytes on the wire: valid-ish, any JSON, or not JSON at all. */
const payload = fc.oneof(
  mutatedReport.map((r) => JSON.stringify(r)),
  anyJson.map((v) => JSON.stringify(v)),
  oddString,
  fc.constantFrom(
    '{"id": "oops",',
    '[]',
    'null',
    '{"__proto__":{"admin":true}}',
    '\uFEFF{}',
    '{"a":' + '['.repeat(5_000),
  ),
  fc.constant(undefined),
);

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-16',
  'text/plain',
  'image/png',
  'image/webp',
  'multipart/form-data; boundary=x',
  'application/x-www-form-urlencoded',
  'application/json\u0000',
] as const;

const QUERY_KEYS = [
  'q',
  'status',
  'service',
  'problem',
  'cursor',
  'limit',
  'since',
  'weeks',
  'team',
  'assignee',
  'redirect_uri',
  'state',
  'code',
];

/** Headers a proxy, a browser or an attacker might add. */
const oddHeaders = fc.dictionary(
  fc.constantFrom(
    'x-forwarded-for',
    'x-forwarded-proto',
    'origin',
    'x-csrf-token',
    'accept',
    'accept-encoding',
    'if-none-match',
    'range',
    'content-encoding',
  ),
  fc.oneof(
    fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\t\x20-\x7e]/g, '')),
    fc.constantFrom('gzip', 'bytes=0-1', '*/*', 'chrome-extension://abc'),
  ),
  { maxKeys: 3 },
);

/** Generates requests against the routes `app` registered, with ids that exist or do not. */
export function requests(
  t: TestApp,
  reportId: string,
): fc.Arbitrary<InjectOptions> {
  // `/events` is a stream that stays open by design; inject would wait on it for ever.
  const routes = t.app.apiRoutes
    .filter((r) => !r.url.endsWith('/events'))
    .map((r) => [r.method, r.url] as const);
  const who = fc.constantFrom<Record<string, string>>(
    t.reporter.auth,
    t.otherReporter.auth,
    t.reviewer.auth,
    t.admin.auth,
    {},
    { authorization: 'Bearer not-a-real-token-at-all' },
    { authorization: 'Basic YTpi' },
    { authorization: `Bearer ${'A'.repeat(300)}` },
    { cookie: 'snag_session=forged; x=\u00ff' },
  );
  const id = fc.oneof(
    fc.constant(reportId),
    fc.uuid(),
    oddString.map((s) => encodeURIComponent(wellFormed(s.slice(0, 200)))),
  );
  return fc
    .record({
      route: fc.constantFrom(...routes),
      id,
      auth: who,
      headers: oddHeaders,
      contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), {
        nil: undefined,
      }),
      query: fc.dictionary(
        fc.constantFrom(...QUERY_KEYS),
        oddString.map((s) => s.slice(0, 3_000)),
        { maxKeys: 3 },
      ),
      payload,
    })
    .map(
      ({
        route: [method, url],
        id: idValue,
        auth,
        headers,
        contentType,
        query,
        payload: body,
      }) => {
        const search = new URLSearchParams(query).toString();
        return {
          method: method as InjectOptions['method'],
          url: `${url.replace(':id', idValue)}${search ? `?${search}` : ''}`,
          headers: {
            ...headers,
            ...auth,
            ...(contentType ? { 'content-type': contentType } : {}),
          },
          ...(body !== undefined && method !== 'GET' ? { payload: body } : {}),
        };
      },
    );
}

/** Sends `runs` generated requests with the fixed seed, counting answers by status class. */
export async function fuzzApp(t: TestApp, runs: number): Promise<FuzzOutcome> {
  const report = makeReport({}, 1);
  await t.app.inject({
    method: 'PUT',
    url: `/api/v1/reports/${report.id}`,
    headers: t.reporter.auth,
    payload: report,
  });
  const outcome: FuzzOutcome = { runs: 0, byClass: {}, failures: [] };
  await fc.assert(
    fc.asyncProperty(requests(t, report.id), async (request) => {
      outcome.runs++;
      let status: number | string;
      try {
        status = await Promise.race([
          t.app.inject(request).then((res) => res.statusCode),
          new Promise<string>((resolve) =>
            setTimeout(() => resolve('no answer within 10 s'), 10_000).unref(),
          ),
        ]);
      } catch (error) {
        status = `threw ${String(error)}`;
      }
      const key =
        typeof status === 'number' ? `${Math.floor(status / 100)}xx` : 'threw';
      outcome.byClass[key] = (outcome.byClass[key] ?? 0) + 1;
      if (typeof status !== 'number' || status >= 500)
        outcome.failures.push({ request, status });
      return true;
    }),
    { seed: FUZZ_SEED, numRuns: runs, endOnFailure: false },
  );
  return outcome;
}

/** What the store checks found; empty when all is well. */
export async function storeProblems(t: TestApp): Promise<string[]> {
  const problems: string[] = [];
  const { driver } = t.store;
  if (driver.kind === 'sqlite') {
    const db = (driver as SqliteDriver).database;
    const integrity = db.pragma('integrity_check', { simple: true });
    if (integrity !== 'ok')
      problems.push(`integrity_check: ${String(integrity)}`);
    const keys = db.pragma('foreign_key_check') as unknown[];
    if (keys.length > 0)
      problems.push(`foreign_key_check: ${keys.length} rows`);
  }
  // The same consistency questions on both stores: nothing ahead of the sequence, nothing
  // pointing at a report that does not exist, and every report readable as the schema says.
  const checks: Array<[string, string]> = [
    [
      'reports ahead of the sequence',
      'SELECT COUNT(*) AS n FROM reports WHERE server_seq > (SELECT seq FROM meta WHERE id = 1)',
    ],
    [
      'orphan comments',
      'SELECT COUNT(*) AS n FROM comments c LEFT JOIN reports r ON r.id = c.report_id WHERE r.id IS NULL',
    ],
    [
      'orphan votes',
      'SELECT COUNT(*) AS n FROM votes v LEFT JOIN reports r ON r.id = v.report_id WHERE r.id IS NULL',
    ],
    [
      'orphan screenshots',
      'SELECT COUNT(*) AS n FROM screenshots s LEFT JOIN reports r ON r.id = s.report_id WHERE r.id IS NULL',
    ],
  ];
  for (const [what, sql] of checks) {
    const row = await driver.get<{ n: number | string }>(sql);
    if (Number(row?.n ?? 0) !== 0) problems.push(`${what}: ${row?.n}`);
  }
  for await (const report of t.store.iterateReports({})) {
    const parsed = storedReport.safeParse(report);
    if (!parsed.success)
      problems.push(`report ${report.id} does not match the schema`);
  }
  return problems;
}

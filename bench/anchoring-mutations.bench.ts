/**
 * Anchoring after mutations: on three govuk-frontend form pages and the Wikipedia fixture,
 * thousands of generated cases per page (fast-check, fixed seed): an annotation is described,
 * the page changed in one of eleven ways, and the annotation anchored again. Prints, per
 * mutation class, how many were right, wrong and orphaned, for Snag and, for the text
 * annotations, for `@apache-annotator/dom` (describeTextQuote, then its first match).
 *
 * Run: npx tsx bench/anchoring-mutations.bench.ts [cases per page] [seed]
 *      (writes bench/results/anchoring-mutations.json)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { anchor } from '../utils/anchoring';
import {
  DELETIONS,
  emptyTable,
  judge,
  MUTATION_PAGES,
  mutate,
  mutationCase,
  MUTATIONS,
  prepareCase,
  pristineBody,
  type Outcome,
  type Table,
} from '../tests/unit/anchoring/mutation-kit';

interface JsdomInstance {
  window: Window & typeof globalThis;
}
type JsdomConstructor = new (html: string) => JsdomInstance;
const jsdomModule = 'jsdom';
const { JSDOM } = (await import(jsdomModule)) as { JSDOM: JsdomConstructor };

interface Peer {
  describeTextQuote(
    range: Range,
    scope: Node,
  ): Promise<{ exact: string; prefix?: string; suffix?: string }>;
  createTextQuoteSelectorMatcher(selector: {
    type: 'TextQuoteSelector';
    exact: string;
    prefix?: string;
    suffix?: string;
  }): (scope: Node) => AsyncGenerator<Range>;
}

const CASES = Number(process.argv[2] ?? 2200);
const SEED = Number(process.argv[3] ?? 20261201);

const window = new JSDOM('<!doctype html><html><body></body></html>').window;
const g = globalThis as Record<string, unknown>;
g.NodeFilter = window.NodeFilter;
g.Node = window.Node;
g.Range = window.Range;
g.document = window.document;
const peerModule = '@apache-annotator/dom';
const peer = (await import(peerModule).catch(() => null)) as Peer | null;

async function peerFind(
  selector: { exact: string; prefix?: string; suffix?: string },
  root: Node,
): Promise<Range | null> {
  const matches = peer!.createTextQuoteSelectorMatcher({
    prefix: '',
    suffix: '',
    ...selector,
    type: 'TextQuoteSelector',
  })(root);
  const first = await matches.next();
  return first.done ? null : first.value;
}

async function runPage(file: string): Promise<{ snag: Table; peer: Table }> {
  const pristine = pristineBody(window.document, file);
  const snag = emptyTable();
  const other = emptyTable();
  const cases = fc.sample(mutationCase, { seed: SEED, numRuns: CASES });
  for (const c of cases) {
    const prepared = prepareCase(pristine, c);
    if (!prepared) continue;
    const { root, target } = prepared;
    const peerSelector =
      peer && target.range
        ? await peer.describeTextQuote(target.range, root).catch(() => null)
        : null;
    if (!mutate(root, target, c)) continue;
    snag[c.mutation][judge(root, target, anchor(root, target.selectors))] += 1;
    if (peerSelector) {
      const range = await peerFind(peerSelector, root).catch(() => null);
      other[c.mutation][judge(root, target, range ? { range } : null)] += 1;
    }
  }
  return { snag, peer: other };
}

function cell(row: Record<Outcome, number>): string {
  const total = row.right + row.wrong + row.orphan;
  const pct = total ? ((100 * row.right) / total).toFixed(1) : '–';
  return `${String(row.right).padStart(4)} /${String(row.wrong).padStart(4)} /${String(row.orphan).padStart(4)}  ${pct.padStart(5)}%`;
}

const results: Record<string, { snag: Table; peer: Table }> = {};
const total = { snag: emptyTable(), peer: emptyTable() };
for (const [name, file] of Object.entries(MUTATION_PAGES)) {
  const result = await runPage(file);
  results[name] = result;
  console.log(`\n${name}: ${CASES} cases, seed ${SEED}`);
  console.log(
    `${'class'.padEnd(18)}${'Snag right/wrong/orphan'.padEnd(30)}apache-annotator (text only)`,
  );
  for (const m of MUTATIONS) {
    console.log(
      `${m.padEnd(18)}${cell(result.snag[m]).padEnd(30)}${cell(result.peer[m])}`,
    );
    for (const who of ['snag', 'peer'] as const) {
      for (const o of ['right', 'wrong', 'orphan'] as const)
        total[who][m][o] += result[who][m][o];
    }
  }
}
console.log(`\nall pages`);
for (const m of MUTATIONS) {
  const goal = DELETIONS.includes(m)
    ? 'orphan 100 %'
    : m === 'change-word'
      ? 'right ≥ 90 %'
      : 'right ≥ 98 %';
  console.log(
    `${m.padEnd(18)}${cell(total.snag[m]).padEnd(30)}${cell(total.peer[m]).padEnd(30)}${goal}`,
  );
}
const here = path.dirname(fileURLToPath(import.meta.url));
mkdirSync(path.join(here, 'results'), { recursive: true });
writeFileSync(
  path.join(here, 'results', 'anchoring-mutations.json'),
  JSON.stringify({ seed: SEED, cases: CASES, results, total }, null, 2),
);

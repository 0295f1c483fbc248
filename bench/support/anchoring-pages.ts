// The pages and selections the anchoring benchmarks work on, shared by the jsdom run
// (bench/anchoring.bench.ts) and the Chromium run (bench/anchoring-browser.bench.ts). Nothing
// here touches Node or the DOM, so the same code runs in the benchmark page.
import { collapseWhitespace } from '@/utils/anchoring/quote-match';

/** How many annotations each benchmark describes and anchors. */
export const ANNOTATIONS = 200;

/** The annotations' target: describe + anchor of all of them on an unchanged page, in ms. */
export const TARGET_MS = 50;

/** The Wikipedia fixture, relative to the repository root. */
export const WIKIPEDIA_FIXTURE =
  'tests/fixtures/baseline/wikipedia-regression-testing.html';

/** Seeds for the selections made on each page, so both benchmarks time the same work. */
export const SEEDS = { wikipedia: 42, generated: 43, page: 7 } as const;

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same work. */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS =
  'council resident permit parking bin collection recycling tax discount exemption apply form account password sign upload evidence officer team service page letter address household student carer landlord property empty band reduction support income benefit identity check appointment visit phone email online paper spreadsheet shared drive laptop renewal deadline penalty payment refund direct debit instalment reminder notice appeal review decision tribunal'.split(
    ' ',
  );

/** A council-like page of about `bytes` of HTML with varied, mostly unique sentences. */
export function generatedPage(bytes: number, rand: () => number): string {
  const parts: string[] = [
    '<!DOCTYPE html><html><head><title>Generated</title></head><body><main>',
  ];
  let size = 0;
  let section = 0;
  while (size < bytes) {
    section += 1;
    const block: string[] = [
      `<section id="s${section}"><h2>Section ${section}</h2>`,
    ];
    for (let p = 0; p < 6; p += 1) {
      const words: string[] = [];
      const n = 30 + Math.floor(rand() * 60);
      for (let w = 0; w < n; w += 1)
        words.push(WORDS[Math.floor(rand() * WORDS.length)]!);
      block.push(`<p>${words.join(' ')} ${section}.${p}.</p>\n`);
    }
    block.push('</section>');
    const html = block.join('');
    size += html.length;
    parts.push(html);
  }
  parts.push('</main></body></html>');
  return parts.join('');
}

/** Random ranges of 20–150 characters that hold words, as a reader would select. */
export function randomRanges(
  text: string,
  count: number,
  rand: () => number,
): [number, number][] {
  const out: [number, number][] = [];
  while (out.length < count) {
    const start = Math.floor(rand() * (text.length - 200));
    const end = start + 20 + Math.floor(rand() * 130);
    if (collapseWhitespace(text.slice(start, end)).trim().length >= 12)
      out.push([start, end]);
  }
  return out;
}

/** The middle value (the upper one of an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

// Bundled for the browser by bench/spa.bench.ts: the annotator's page watcher
// (components/annotator/placement.ts) run on a page as the annotator runs it, with the
// benchmark's own counting around it. Each scenario describes its annotations, places them
// once, then (when `watch` is set) watches the page while a ticker changes it.
import type { Annotation } from '@/protocol/report';
import {
  placeAll,
  stillThere,
  watchPage,
  type MarkTarget,
  type Placed,
} from '@/components/annotator/placement';
import { anchorAll, describeRange } from '@/utils/anchoring';
import { buildTextModel, rangeFromOffsets } from '@/utils/anchoring/text-model';
import { random, randomRanges } from './anchoring-pages';

/** One scenario, as the benchmark asks for it. */
export interface ScenarioOptions {
  seed: number;
  /** Text annotations described on the page. */
  annotations: number;
  /** Annotations whose quote is not on the page, so they stay orphans. */
  orphans: number;
  /** How often the ticker changes the page; null leaves the page idle. */
  changeEveryMs: number | null;
  /** Whether the watcher runs; without it, the page's own changes are the baseline. */
  watch: boolean;
}

/** What the page counted; read when the benchmark ends a period. */
export interface ScenarioCount {
  passes: number;
  passMs: number;
  maxPassMs: number;
  changes: number;
  /** Annotations anchored after the last pass (or the first placement). */
  anchored: number;
}

const TICKER_ID = 'snag-bench-ticker';

let count: ScenarioCount = {
  passes: 0,
  passMs: 0,
  maxPassMs: 0,
  changes: 0,
  anchored: 0,
};

function targetsOn(root: Element, options: ScenarioOptions): MarkTarget[] {
  const model = buildTextModel(root);
  const ranges = randomRanges(
    model.text,
    options.annotations,
    random(options.seed),
  );
  const found: MarkTarget[] = ranges.map(([start, end], i) => ({
    key: `t${i}`,
    label: String(i + 1),
    annotation: {
      id: `t${i}`,
      kind: 'text',
      note: '',
      selectors: describeRange(rangeFromOffsets(model, start, end), root),
    } as Annotation,
  }));
  const gone: MarkTarget[] = Array.from(
    { length: options.orphans },
    (_, i) => ({
      key: `o${i}`,
      label: String(options.annotations + i + 1),
      annotation: {
        id: `o${i}`,
        kind: 'text',
        note: '',
        selectors: [
          {
            type: 'TextQuoteSelector',
            exact: `A sentence the page took away, number ${i}`,
            prefix: 'before ',
            suffix: ' after',
          },
        ],
      } as Annotation,
    }),
  );
  return [...found, ...gone];
}

let startWatching = (): void => undefined;

/**
 * Sets the scenario up and starts the ticker; `watch()` then starts the watcher (when the
 * scenario has one), and the benchmark reads `take()` at the end of each period.
 */
function start(options: ScenarioOptions): void {
  const root = document.body;
  const ticker = document.createElement('p');
  ticker.id = TICKER_ID;
  ticker.textContent = 'Your session ends in 600 seconds';
  root.append(ticker);
  const targets = targetsOn(root, options);
  let placed: Placed[] = placeAll(root, targets, anchorAll);
  count.anchored = placed.filter((p) => p.anchored).length;
  if (options.changeEveryMs !== null) {
    let left = 600;
    setInterval(() => {
      left -= 1;
      // A live countdown, as a session-timeout warning renders it: the node is replaced.
      ticker.textContent = `Your session ends in ${left} seconds`;
      count.changes++;
    }, options.changeEveryMs);
  }
  if (!options.watch) return;
  startWatching = () =>
    void watchPage({
      root,
      reanchor: () => {
        placed = placeAll(root, targets, anchorAll);
        count.anchored = placed.filter((p) => p.anchored).length;
        return count.anchored === targets.length;
      },
      anyGone: () => placed.some((p) => !stillThere(p)),
      onPass: (pass) => {
        count.passes++;
        count.passMs += pass.ms;
        count.maxPassMs = Math.max(count.maxPassMs, pass.ms);
      },
    });
}

/** What was counted since the last call. */
function take(): ScenarioCount {
  const taken = count;
  count = { ...count, passes: 0, passMs: 0, maxPassMs: 0, changes: 0 };
  return taken;
}

function watch(): void {
  startWatching();
}

Object.assign(globalThis, { snagWatchBench: { start, watch, take } });

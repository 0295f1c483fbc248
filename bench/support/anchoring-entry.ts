// Bundled for the browser by bench/anchoring-browser.bench.ts: the anchoring module, and the
// benchmark's selections, exposed to the benchmark page so it times the code the extension runs.
import { anchorAll, describeElement, describeRange } from '@/utils/anchoring';
import { buildTextModel, rangeFromOffsets } from '@/utils/anchoring/text-model';
import { random, randomRanges } from './anchoring-pages';

Object.assign(globalThis, {
  snagAnchoringBench: {
    anchorAll,
    buildTextModel,
    describeElement,
    describeRange,
    rangeFromOffsets,
    random,
    randomRanges,
  },
});

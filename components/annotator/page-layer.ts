/**
 * The page's layer with its tools for picking built in: what the unit tests and benches
 * drive. The in-page script builds the same layer (`./layer-core.ts`) with tools it loads only
 * when the user first picks or selects text (`entrypoints/annotator/`).
 */
import type { LayerToFrame } from '@/utils/frame-link';
import {
  createLayer,
  type PageLayer,
  type PageLayerOptions,
} from './layer-core';
import { staticTools } from './picker-tools';
import { pageSelection } from './selection-button';
import { pickerTools } from './tools';

export type { PageLayer, PageLayerOptions } from './layer-core';

const TOOLS = staticTools(pickerTools);

/**
 * Everything Snag shows in the page, inside its closed shadow root: numbered marks, the
 * element picker and the "Snag this" button (`createLayer`).
 */
export function createPageLayer(options: PageLayerOptions): PageLayer {
  return createLayer(options, TOOLS);
}

/** The page's selection as selectors, or null when nothing (of the page's) is selected. */
export function selectionSelectors(
  doc: Document,
  host: Element,
): LayerToFrame | null {
  const range = pageSelection(doc, host);
  return range ? pickerTools.selectionAnnotation(doc, range) : null;
}

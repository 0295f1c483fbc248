/**
 * What the page's layer needs only once the user picks an element or selects text, or once a
 * mark is not where it was: the element picker, "Snag this", the describer and anchoring's
 * full search (`./tools.ts`). The layer reaches them
 * through a `ToolBox`, which has them at once (`staticTools`, for the layer built with them)
 * or loads them when first asked (`entrypoints/annotator/`, which leaves them out of the
 * script every page runs).
 */
import type { Selector } from '@/protocol/selectors';
import type { Anchored } from '@/utils/anchoring/unchanged';
import type { LayerToFrame } from '@/utils/frame-link';

/** What the user did in pin mode while the picker's code was loading. */
export interface Caught {
  pointer?: { x: number; y: number };
  /** A trusted click, at `pointer`. */
  clicked?: boolean;
}

/** Where a tool is shown and whom it tells. */
export interface ToolContext {
  /** The page's document. */
  doc: Document;
  /** Snag's host element, never picked nor counted as the page's selection. */
  host: Element;
  /** The layer's `.snag-root`, where the tool goes. */
  root: HTMLElement;
  /** The layer's own messages (an annotation, or leaving pick mode). */
  emit: (m: LayerToFrame) => void;
  /** What the user did before the tool was shown. */
  caught: Caught;
}

/** A tool as shown. */
export interface ToolView {
  /** Measures and draws again (the page scrolled, resized or changed). */
  draw(): void;
  /** Takes it away for good. */
  destroy(): void;
}

/** The element picker, "Snag this", the describer and the full search. */
export interface PickerTools {
  /** The element picker, put in the root and focused. */
  showPicker(ctx: ToolContext): ToolView;
  /** "Snag this", shown while text on the page is selected. */
  showSnagThis(ctx: ToolContext): ToolView;
  /** A selection of the page's text as the annotation the frame adds. */
  selectionAnnotation(doc: Document, range: Range): LayerToFrame;
  /**
   * Anchoring's full search (`anchorAll`), for the marks the first look could not settle
   * because the page changed around them.
   */
  anchorAll(
    root: Element,
    selectorLists: readonly (readonly Selector[])[],
  ): (Anchored | null)[];
  /** Their stylesheet, for Snag's shadow root, when it is not there already. */
  css?: string;
}

/** How the layer reaches its tools. */
export interface ToolBox {
  /** The tools, when they are already here. */
  now(): PickerTools | null;
  /** Runs `use` with the tools: at once when they are here, else once they have loaded. */
  use(use: (tools: PickerTools) => void, failed?: () => void): void;
}

/** Where the picker's script leaves its tools, in the extension's isolated world. */
export const PICKER_GLOBAL = '__snagPicker';

/** The isolated world's global, with the tools once the picker's script has run. */
export type PickerScope = typeof globalThis & {
  [PICKER_GLOBAL]?: PickerTools;
};

/** A box of tools that are already here. */
export function staticTools(tools: PickerTools): ToolBox {
  return { now: () => tools, use: (use) => use(tools) };
}

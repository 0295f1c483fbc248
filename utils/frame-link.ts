/**
 * The link between Snag's frame (an extension page shown over the web page) and the inert
 * layer the content script keeps in the page. The frame opens a port to the content script
 * with `tabs.connect`, so nothing travels through the page: a page cannot post to a port, nor
 * read what crosses it. The layer only ever learns what it needs to draw: selectors to find
 * again, numbers, and whether to pick. Report text never crosses.
 */
import type { Selector } from '@/protocol/selectors';

/** The frame's page in the built extension. */
export const FRAME_PAGE = '/annotator-frame.html';

/** The name of the port the frame opens to the page's layer. */
export const FRAME_PORT = 'snag-frame';

/** What the page's layer can do for the frame. */
export type LayerMode = 'idle' | 'pin' | 'highlight';

/** One mark to draw: a number (or short code) and where to find it, never any report text. */
export interface MarkSpec {
  key: string;
  /** The number or code on the pin. */
  label: string;
  selectors: Selector[];
  /** True for a saved report's mark, false for the draft's. */
  saved: boolean;
}

/** How well a mark was found: as anchoring answers, or null for an orphan. */
export type MarkFound = 'exact' | 'fuzzy' | 'contextual' | null;

/** frame → page layer. */
export type FrameToLayer =
  /** Draw these marks (replacing the ones drawn). */
  | { type: 'marks'; marks: MarkSpec[] }
  /** Start or stop picking an element or a text selection. */
  | { type: 'mode'; mode: LayerMode }
  /** Use the page's current text selection, if there is one. */
  | { type: 'useSelection' }
  /** Bring a mark into view. */
  | { type: 'scrollTo'; key: string }
  /** Let the frame cover the whole view (the screenshot editor), or go back to a panel. */
  | { type: 'expand'; expanded: boolean }
  /** Close Snag on this page. */
  | { type: 'close' };

/** page layer → frame. Each arrives only after trusted input in the layer. */
export type LayerToFrame =
  /** The user pinned an element or snagged a selection. */
  | { type: 'annotate'; kind: 'element' | 'text'; selectors: Selector[] }
  /** The user left pick mode. */
  | { type: 'mode'; mode: LayerMode }
  /** How each mark was found. */
  | { type: 'placed'; found: Record<string, MarkFound> }
  /** The user clicked a mark. */
  | { type: 'open'; key: string }
  /** `useSelection` found nothing selected. */
  | { type: 'noSelection' }
  /** The page's address changed without a load. */
  | { type: 'navigated' };

/** worker → page layer: hide or show everything Snag put in the page, answered once painted. */
export interface LayerVisibility {
  type: 'snagLayerHidden';
  hidden: boolean;
}

/** Whether `url` is the frame's page of this extension (its dynamic address included). */
export function isFrameUrl(url: string | undefined): boolean {
  if (!url) return false;
  try {
    const u = new URL(url);
    return (
      /^(chrome|moz)-extension:$/.test(u.protocol) && u.pathname === FRAME_PAGE
    );
  } catch {
    return false;
  }
}

/**
 * The element picker and the describer (`entrypoints/annotator-picker/`): a second in-page
 * script, injected into the layer's frame only when the user first picks or selects text, so
 * the script every page runs stays small.
 */
export const PICKER_SCRIPT = '/annotator-picker.js';

/** layer → worker: inject `PICKER_SCRIPT` into the sender's frame; answered once it has run. */
export interface PickerScriptRequest {
  type: 'snagPickerScript';
}

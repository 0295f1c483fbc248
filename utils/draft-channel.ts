/**
 * One draft, live everywhere it shows: the popup and Snag's frame hear when the page's draft
 * changed elsewhere and read it again.
 */
/** Where the extension's pages hear that a page's draft changed (same origin only). */
const DRAFTS_CHANNEL = 'snag-drafts';

/** A draft changed on `url`; `source` names the writer, so it can ignore its own change. */
export interface DraftChange {
  url: string;
  source: string;
}

/**
 * Tells every open extension page (the popup, Snag's frame on the page) that the page's
 * draft changed, so one draft stays live in all of them. The channel belongs to the
 * extension's origin: web pages and content scripts cannot join it.
 */
export function announceDraftChange(change: DraftChange): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(DRAFTS_CHANNEL);
  channel.postMessage(change);
  channel.close();
}

/** Calls `onChange` whenever another writer changes the draft of `url`; answers a stop. */
export function watchDraft(
  url: string,
  source: string,
  onChange: () => void,
): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => {};
  const channel = new BroadcastChannel(DRAFTS_CHANNEL);
  channel.onmessage = (e: MessageEvent<DraftChange>) => {
    if (e.data?.url === url && e.data.source !== source) onChange();
  };
  return () => channel.close();
}

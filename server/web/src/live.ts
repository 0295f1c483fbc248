/**
 * Live updates: one EventSource on `/events` for the whole app, fanned out to the views that
 * care, so new reports and triage changes appear without a reload.
 */
import { useEffect, useRef } from 'preact/hooks';
import { API } from './api';

/**
 * An event from the server: which report changed, and how. `reconnected` comes from the
 * browser instead: the stream dropped and is back, so changes may have been missed and every
 * view should load what it shows again.
 */
export type LiveEvent =
  | {
      type: 'report-created' | 'report-updated';
      /** The report's id. */
      id: string;
      /** The server's sequence number for the change. */
      serverSeq?: number;
    }
  | { type: 'reconnected' };

type Handler = (event: LiveEvent) => void;
const handlers = new Set<Handler>();
let source: EventSource | null = null;

function dispatch(
  type: LiveEvent['type'],
  message: MessageEvent<string>,
): void {
  let data: { id?: string; serverSeq?: number } = {};
  try {
    data = JSON.parse(message.data) as typeof data;
  } catch {
    return;
  }
  if (typeof data.id !== 'string') return;
  const event: LiveEvent = { type, id: data.id, serverSeq: data.serverSeq };
  for (const handler of handlers) handler(event);
}

/** Tells every view that the stream is back after a drop. */
function dispatchReconnected(): void {
  for (const handler of handlers) handler({ type: 'reconnected' });
}

/**
 * Opens the event stream (once); the browser reconnects by itself if it drops.
 * @param factory - makes the EventSource
 */
export function startLive(
  factory: (url: string) => EventSource = (url) => new EventSource(url), // Test seam
): void {
  if (source) return;
  source = factory(`${API}/events`);
  // The browser reconnects by itself after a drop, but what changed meanwhile is not sent
  // again; every `open` after the first means views must reload.
  let opened = false;
  source.addEventListener('open', () => {
    if (opened) dispatchReconnected();
    opened = true;
  });
  source.addEventListener('report-created', (e) =>
    dispatch('report-created', e as MessageEvent<string>),
  );
  source.addEventListener('report-updated', (e) =>
    dispatch('report-updated', e as MessageEvent<string>),
  );
}

/** Closes the event stream, on sign-out. */
export function stopLive(): void {
  source?.close();
  source = null;
}

/** Calls `handler` for every live event while the calling component is mounted. */
export function useLiveEvents(handler: Handler): void {
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => {
    const relay: Handler = (event) => latest.current(event);
    handlers.add(relay);
    return () => {
      handlers.delete(relay);
    };
  }, []);
}

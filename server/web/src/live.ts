/**
 * Live updates: one EventSource on `/events` for the whole app, fanned out to the views that
 * care, so new reports and triage changes appear without a reload.
 */
import { useEffect, useRef } from 'preact/hooks';
import { paths, REPORT_EVENTS, type ReportEvent } from '../../../protocol/api';

/**
 * An event from the server: which report changed, and how. `reconnected` and `paused` are
 * about the stream itself: it dropped and is back, so changes may have been missed and every
 * view should load what it shows again; or the server refused it and it will be tried again.
 */
export type LiveEvent =
  | {
      type: ReportEvent['type'];
      /** The report's id. */
      id: string;
      /** The server's sequence number for the change. */
      serverSeq?: number;
    }
  | { type: 'reconnected' | 'paused' };

type Handler = (event: LiveEvent) => void;
const handlers = new Set<Handler>();
let source: EventSource | null = null;

function dispatch(
  type: ReportEvent['type'],
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

/** Tells every view what happened to the stream itself. */
function dispatchStream(type: 'reconnected' | 'paused'): void {
  for (const handler of handlers) handler({ type });
}

/** First wait before opening a stream the server closed for good, doubled each time. */
const RETRY_FIRST_MS = 5_000;
const RETRY_MAX_MS = 60_000;

let everOpened = false;
let retryDelay = RETRY_FIRST_MS;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

function connect(factory: (url: string) => EventSource): void {
  const stream = factory(paths.events);
  source = stream;
  // The browser reconnects by itself after a drop, but what changed meanwhile is not sent
  // again; every `open` after the first means views must reload.
  stream.addEventListener('open', () => {
    if (everOpened) dispatchStream('reconnected');
    everOpened = true;
    retryDelay = RETRY_FIRST_MS;
  });
  // An answer other than a stream (429 when too many are open, a restart's 5xx) closes the
  // EventSource for good; try again later rather than stop updating without a word.
  stream.addEventListener('error', () => {
    if (stream.readyState !== 2 || source !== stream) return;
    dispatchStream('paused');
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      if (source === stream) connect(factory);
    }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, RETRY_MAX_MS);
  });
  for (const type of REPORT_EVENTS)
    stream.addEventListener(type, (e) =>
      dispatch(type, e as MessageEvent<string>),
    );
}

/**
 * Opens the event stream (once). The browser reconnects by itself if it drops; if the server
 * refuses it, it is opened again after a growing wait.
 * @param factory - makes the EventSource
 */
export function startLive(
  factory: (url: string) => EventSource = (url) => new EventSource(url), // Test seam
): void {
  if (source) return;
  connect(factory);
}

/** Closes the event stream, on sign-out. */
export function stopLive(): void {
  if (retryTimer !== undefined) clearTimeout(retryTimer);
  retryTimer = undefined;
  source?.close();
  source = null;
  everOpened = false;
  retryDelay = RETRY_FIRST_MS;
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

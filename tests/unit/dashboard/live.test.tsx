import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from '@testing-library/preact';
import {
  startLive,
  stopLive,
  useLiveEvents,
  type LiveEvent,
} from '@/server/web/src/live';

/** Stands in for the browser's EventSource: the test says when it opens and what arrives. */
class FakeSource extends EventTarget {
  closed = false;
  readyState = 0;
  constructor(readonly url: string) {
    super();
  }
  open() {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }
  /** The server answered with something other than a stream: the browser gives up. */
  refuse() {
    this.readyState = 2;
    this.dispatchEvent(new Event('error'));
  }
  send(type: string, data: string) {
    this.dispatchEvent(new MessageEvent(type, { data }));
  }
  close() {
    this.closed = true;
  }
}

function listen(): LiveEvent[] {
  const seen: LiveEvent[] = [];
  function Probe() {
    useLiveEvents((event) => seen.push(event));
    return null;
  }
  render(<Probe />);
  return seen;
}

/** Starts the stream; answers every EventSource opened so far, newest last. */
function start(): FakeSource[] {
  const sources: FakeSource[] = [];
  startLive((url) => {
    const source = new FakeSource(url);
    sources.push(source);
    return source as unknown as EventSource;
  });
  if (sources.length === 0) throw new Error('No event source was opened');
  return sources;
}

afterEach(() => {
  stopLive();
  vi.useRealTimers();
});

describe('live updates', () => {
  it('passes each report event on to the views', () => {
    const seen = listen();
    const [source] = start();
    expect(source!.url).toBe('/api/v1/events');
    source!.open();
    source!.send('report-created', '{"id":"r1","serverSeq":4}');
    source!.send('report-updated', 'not json');
    expect(seen).toEqual([{ type: 'report-created', id: 'r1', serverSeq: 4 }]);
  });

  it('tells the views to reload when the stream comes back after a drop', () => {
    const seen = listen();
    const [source] = start();
    source!.open();
    expect(seen).toEqual([]);
    // The browser reconnects by itself; what changed meanwhile is not sent again.
    source!.open();
    expect(seen).toEqual([{ type: 'reconnected' }]);
  });

  it('opens the stream again, later and later, when the server refuses it', () => {
    vi.useFakeTimers();
    const seen = listen();
    const sources = start();
    sources[0]!.open();
    sources[0]!.refuse();
    expect(seen).toEqual([{ type: 'paused' }]);
    vi.advanceTimersByTime(4_999);
    expect(sources).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sources).toHaveLength(2);
    sources[1]!.refuse();
    vi.advanceTimersByTime(9_999);
    expect(sources).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(sources).toHaveLength(3);
    sources[2]!.open();
    expect(seen).toEqual([
      { type: 'paused' },
      { type: 'paused' },
      { type: 'reconnected' },
    ]);
  });

  it('stops trying once signed out', () => {
    vi.useFakeTimers();
    const sources = start();
    sources[0]!.refuse();
    stopLive();
    vi.advanceTimersByTime(60_000);
    expect(sources).toHaveLength(1);
  });
});

import { afterEach, describe, expect, it } from 'vitest';
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
  constructor(readonly url: string) {
    super();
  }
  open() {
    this.dispatchEvent(new Event('open'));
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

function start(): FakeSource {
  let source: FakeSource | undefined;
  startLive((url) => {
    source = new FakeSource(url);
    return source as unknown as EventSource;
  });
  if (!source) throw new Error('No event source was opened');
  return source;
}

afterEach(() => stopLive());

describe('live updates', () => {
  it('passes each report event on to the views', () => {
    const seen = listen();
    const source = start();
    expect(source.url).toBe('/api/v1/events');
    source.open();
    source.send('report-created', '{"id":"r1","serverSeq":4}');
    source.send('report-updated', 'not json');
    expect(seen).toEqual([{ type: 'report-created', id: 'r1', serverSeq: 4 }]);
  });

  it('tells the views to reload when the stream comes back after a drop', () => {
    const seen = listen();
    const source = start();
    source.open();
    expect(seen).toEqual([]);
    // The browser reconnects by itself; what changed meanwhile is not sent again.
    source.open();
    expect(seen).toEqual([{ type: 'reconnected' }]);
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { watchPage } from '@/components/annotator/placement';

/** A DOM change the watcher sees. */
function touch(text = 'x'): void {
  document.body.append(document.createTextNode(text));
}

/** Lets mutation records and settled promises reach the watcher. */
async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

describe('watchPage', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    document.body.replaceChildren();
    history.replaceState(null, '', '/a');
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('waits for quiet, but no longer than the maximum wait during a burst', async () => {
    const reanchor = vi.fn(() => false);
    const stop = watchPage({
      root: document.body,
      reanchor,
      anyGone: () => false,
      debounceMs: 100,
      maxWaitMs: 400,
      now: () => Date.now(),
    });
    await flush();
    await vi.advanceTimersByTimeAsync(0);
    reanchor.mockClear();
    // A change every 50 ms for a second: quiet never comes, so passes come every 400 ms.
    for (let i = 0; i < 20; i++) {
      touch();
      await flush();
      await vi.advanceTimersByTimeAsync(50);
    }
    expect(reanchor).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(100);
    expect(reanchor).toHaveBeenCalledTimes(3);
    stop();
  });

  it('retries a list that arrives after the page first settled, once the content comes', async () => {
    let contentThere = false;
    let listThere = false;
    // Settles at once on the empty list it starts with, as before the page's reports load.
    const reanchor = vi.fn(() => !listThere || contentThere);
    const watch = watchPage({
      root: document.body,
      reanchor,
      anyGone: () => false,
      debounceMs: 100,
      now: () => Date.now(),
    });
    await flush();
    await vi.advanceTimersByTimeAsync(0);
    touch();
    await flush();
    await vi.advanceTimersByTimeAsync(200);
    const settledPasses = reanchor.mock.calls.length;
    listThere = true;
    watch.listChanged();
    await vi.advanceTimersByTimeAsync(0);
    expect(reanchor.mock.calls.length).toBe(settledPasses + 1);
    // The content renders late; the orphan is found on the change that brings it.
    contentThere = true;
    touch();
    await flush();
    await vi.advanceTimersByTimeAsync(200);
    expect(reanchor.mock.calls.length).toBe(settledPasses + 2);
    expect(reanchor.mock.results.at(-1)?.value).toBe(true);
    watch();
  });

  it('never settles on a list that has not loaded, and retries once it has', async () => {
    let resolveList: () => void = () => undefined;
    const list = new Promise<void>((r) => (resolveList = r));
    let contentThere = false;
    const reanchor = vi.fn(() => contentThere);
    const stop = watchPage({
      root: document.body,
      reanchor,
      anyGone: () => false,
      loading: list,
      debounceMs: 100,
      now: () => Date.now(),
    });
    touch();
    await flush();
    await vi.advanceTimersByTimeAsync(500);
    expect(reanchor).not.toHaveBeenCalled();
    resolveList();
    await flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(reanchor).toHaveBeenCalledTimes(1);
    // The content renders late: the orphan is retried on the change.
    contentThere = true;
    touch();
    await flush();
    await vi.advanceTimersByTimeAsync(100);
    expect(reanchor).toHaveBeenCalledTimes(2);
    // Settled: later changes do not re-anchor unless something has gone.
    touch();
    await flush();
    await vi.advanceTimersByTimeAsync(100);
    expect(reanchor).toHaveBeenCalledTimes(2);
    stop();
  });

  it('acts on a change of address at once, and anchors the new route after its list loads', async () => {
    const events: string[] = [];
    let routeContent = false;
    let resolveRoute: () => void = () => undefined;
    const stop = watchPage({
      root: document.body,
      reanchor: () => {
        events.push(`anchor:${location.pathname}:${routeContent}`);
        return routeContent;
      },
      anyGone: () => false,
      onNavigate: () => {
        events.push(`navigate:${location.pathname}`);
        return new Promise<void>((r) => (resolveRoute = r));
      },
      debounceMs: 100,
      retryForMs: 10_000,
      now: () => Date.now(),
    });
    await flush();
    await vi.advanceTimersByTimeAsync(0);
    routeContent = true;
    touch();
    await flush();
    await vi.advanceTimersByTimeAsync(100);
    expect(events).toEqual(['anchor:/a:false', 'anchor:/a:true']);

    // pushState, then the route renders: the old marks go on the first change seen.
    history.pushState(null, '', '/b');
    routeContent = false;
    touch();
    await flush();
    expect(events.at(-1)).toBe('navigate:/b');
    await vi.advanceTimersByTimeAsync(1000);
    expect(events.at(-1)).toBe('navigate:/b');
    resolveRoute();
    await flush();
    await vi.advanceTimersByTimeAsync(0);
    expect(events.at(-1)).toBe('anchor:/b:false');
    // The new route's content arrives 1.5 s later and is found.
    await vi.advanceTimersByTimeAsync(1500);
    routeContent = true;
    touch();
    await flush();
    await vi.advanceTimersByTimeAsync(100);
    expect(events.at(-1)).toBe('anchor:/b:true');
    stop();
  });

  it('sees an address change with no DOM change by looking at the address', async () => {
    const onNavigate = vi.fn();
    const stop = watchPage({
      root: document.body,
      reanchor: () => true,
      anyGone: () => false,
      onNavigate,
      addressPollMs: 250,
      now: () => Date.now(),
    });
    history.pushState(null, '', '/c');
    await vi.advanceTimersByTimeAsync(250);
    expect(onNavigate).toHaveBeenCalledTimes(1);
    stop();
  });
});

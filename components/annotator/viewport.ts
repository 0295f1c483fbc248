import { useEffect, useState } from 'preact/hooks';

/**
 * A number that changes when what is drawn over the page in `doc` must be measured again: at
 * most once a frame while the page scrolls or resizes, and straight after the page changes
 * its content (before the browser next paints or runs a task), so that no mark is left over
 * content that moved or changed. Only the component that draws re-renders.
 */
export function useViewportTick(doc: Document): number {
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const win = doc.defaultView;
    if (!win) return;
    let frame = 0;
    const onMove = () => {
      if (frame) return;
      frame = win.requestAnimationFrame(() => {
        frame = 0;
        setTick((n) => n + 1);
      });
    };
    win.addEventListener('scroll', onMove, { passive: true, capture: true });
    win.addEventListener('resize', onMove);
    // Snag's own host sits outside the body, so its drawing is not observed here.
    const changes = new MutationObserver(() => setTick((n) => n + 1));
    changes.observe(doc.body ?? doc.documentElement, {
      childList: true,
      subtree: true,
      characterData: true,
      attributes: true,
    });
    return () => {
      changes.disconnect();
      if (frame) win.cancelAnimationFrame(frame);
      win.removeEventListener('scroll', onMove, { capture: true });
      win.removeEventListener('resize', onMove);
    };
  }, [doc]);
  return tick;
}

import { useEffect, useState } from 'preact/hooks';

/**
 * A number that changes at most once a frame while the page in `doc` scrolls or resizes, so
 * that what is drawn over the page is measured again. Only the component that draws re-renders.
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
    return () => {
      if (frame) win.cancelAnimationFrame(frame);
      win.removeEventListener('scroll', onMove, { capture: true });
      win.removeEventListener('resize', onMove);
    };
  }, [doc]);
  return tick;
}

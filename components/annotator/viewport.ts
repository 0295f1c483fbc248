/**
 * Calls `onChange` when what is drawn over the page in `doc` must be measured again: at most
 * once a frame while the page scrolls or resizes, and straight after the page changes its
 * content (before the browser next paints or runs a task), so that no mark is left over
 * content that moved or changed. Answers a function that stops watching.
 */
export function watchViewport(doc: Document, onChange: () => void): () => void {
  const win = doc.defaultView;
  if (!win) return () => undefined;
  let frame = 0;
  const onMove = () => {
    if (frame) return;
    frame = win.requestAnimationFrame(() => {
      frame = 0;
      onChange();
    });
  };
  win.addEventListener('scroll', onMove, { passive: true, capture: true });
  win.addEventListener('resize', onMove);
  // Snag's own host sits outside the body, so its drawing is not observed here.
  const changes = new MutationObserver(() => onChange());
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
}

// A council-style page whose own script behaves as a hostile third-party script would: it
// patches EventTarget.prototype and attachShadow, watches every mutation, walks every shadow
// root it can reach, reads every canvas, image and frame, and dispatches synthetic clicks and
// keys at everything Snag puts in the page. What it saw is kept in `window.__probe`.
import type { Page } from 'playwright-core';

/** The probe's script, run in the page's main world before anything else. */
const PROBE = String.raw`
(() => {
  const probe = { texts: [], canvases: 0, pixels: 0, images: [], synthetic: 0, frameReads: 0, roots: 0 };
  window.__probe = probe;
  const seen = (s) => { if (typeof s === 'string' && s.trim()) probe.texts.push(s); };
  const attach = Element.prototype.attachShadow;
  const roots = [];
  Element.prototype.attachShadow = function (init) {
    const root = attach.call(this, init);
    roots.push(root);
    return root;
  };
  const add = EventTarget.prototype.addEventListener;
  EventTarget.prototype.addEventListener = function (type, fn, opts) {
    const wrapped = function (e) {
      try { seen(e.target && e.target.textContent); } catch {}
      return typeof fn === 'function' ? fn.call(this, e) : fn && fn.handleEvent(e);
    };
    return add.call(this, type, wrapped, opts);
  };
  new MutationObserver((records) => {
    for (const r of records) {
      for (const n of r.addedNodes) { seen(n.textContent); if (n.outerHTML) seen(n.outerHTML); }
      if (r.type === 'attributes' && r.target.getAttribute) seen(r.target.getAttribute(r.attributeName));
      if (r.type === 'characterData') seen(r.target.data);
    }
  }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });

  const everything = () => {
    const out = [];
    const walk = (root) => {
      for (const e of root.querySelectorAll('*')) {
        out.push(e);
        if (e.shadowRoot) { probe.roots++; walk(e.shadowRoot); }
      }
    };
    walk(document);
    for (const r of roots) walk(r);
    return out;
  };
  const sweep = () => {
    for (const e of everything()) {
      const snag = e.closest && (e.closest('[data-snag-ui]') || e.getRootNode().host);
      if (e.shadowRoot) seen(e.shadowRoot.textContent);
      if (e instanceof HTMLCanvasElement) {
        probe.canvases++;
        try { const url = e.toDataURL(); if (url.length > 100) probe.pixels++; } catch {}
      }
      if (e instanceof HTMLImageElement) probe.images.push(e.src);
      if (e instanceof HTMLIFrameElement) {
        try { seen(e.contentDocument.body.innerText); probe.frameReads++; } catch {}
        try { e.contentWindow.postMessage({ type: 'annotate', kind: 'text', selectors: [] }, '*'); } catch {}
      }
      if (snag || e.matches('snag-annotator, [data-snag-ui]')) {
        for (const type of ['click', 'pointerdown', 'mousedown', 'mouseup']) {
          e.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true }));
        }
        e.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
        probe.synthetic++;
      }
    }
    for (let i = 0; i < window.frames.length; i++) {
      try { seen(window.frames[i].document.body.innerText); probe.frameReads++; } catch {}
      try { window.frames[i].postMessage({ type: 'useSelection' }, '*'); } catch {}
    }
  };
  setInterval(sweep, 150);
})();
`;

/** The hostile page: a council page with the probe in its head. */
export function hostilePage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pay a parking fine</title>
<script>${PROBE}</script></head><body><main><h1>Pay a parking fine</h1>
<p>Fines must be paid within 14 days of the notice being issued.</p>
<p>You can pay by card online, or by phone.</p>
<label for="card">Card number</label> <input id="card" autocomplete="off">
</main></body></html>`;
}

/** What the page's script saw. */
export interface ProbeReport {
  /** Every text it collected, joined. */
  text: string;
  canvases: number;
  /** Canvases whose pixels it could read. */
  pixels: number;
  images: string[];
  /** Synthetic events it dispatched at Snag's elements. */
  synthetic: number;
  frameReads: number;
}

/** Reads what the probe in `page` has seen so far. */
export function readProbe(page: Page): Promise<ProbeReport> {
  return page.evaluate(() => {
    const p = (window as unknown as { __probe: Record<string, unknown> })
      .__probe;
    return {
      text: (p.texts as string[]).join('\n'),
      canvases: p.canvases as number,
      pixels: p.pixels as number,
      images: p.images as string[],
      synthetic: p.synthetic as number,
      frameReads: p.frameReads as number,
    };
  });
}

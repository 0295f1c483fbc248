import { render } from 'preact';
import { browser, type Browser } from 'wxt/browser';
import Panel from '@/components/annotator/Panel';
import { backgroundApi } from '@/components/annotator/api';
import { sendToBackground } from '@/utils/messaging';
import {
  FRAME_PORT,
  type FrameToLayer,
  type LayerToFrame,
} from '@/utils/frame-link';
import uiCss from '@/components/ui.css?inline';
import frameCss from '@/components/annotator/frame.css?inline';

/**
 * Snag's frame: an extension page the content script shows over the web page. It talks to
 * the background by runtime messages and to the page's inert layer by a port it opens
 * itself, never through the page.
 */
function main() {
  // Timings for bench/annotator.bench.ts, on the frame's own timeline (no page can read it).
  performance.mark('snag-frame-start');
  // The styles come with the script rather than as <link>s: a stylesheet still loading holds
  // back the page's scripts, and with them the tools (about 70 ms under load, measured in
  // bench/annotator.bench.ts). Set before the first render, so nothing shows unstyled.
  const style = document.createElement('style');
  style.textContent = uiCss + frameCss;
  document.head.append(style);
  document.documentElement.lang =
    browser.i18n.getUILanguage().split('-')[0] ?? 'en';
  document.title = browser.i18n.getMessage('extName');
  const app = document.getElementById('app')!;
  const listeners = new Set<(m: LayerToFrame) => void>();
  // The panel shows at once; what it sends before the port is open waits for it.
  const waiting: FrameToLayer[] = [];
  let port: Browser.runtime.Port | null = null;
  const send = (m: FrameToLayer) =>
    port ? port.postMessage(m) : void waiting.push(m);
  void sendToBackground('frameTab', {}).then((tab) => {
    if (!tab.ok) return;
    port = browser.tabs.connect(tab.value.tabId, {
      frameId: 0,
      name: FRAME_PORT,
    });
    port.onMessage.addListener((m: unknown) => {
      for (const l of listeners) l(m as LayerToFrame);
    });
    for (const m of waiting.splice(0)) port.postMessage(m);
  });
  const source = crypto.randomUUID();
  const linked = new URLSearchParams(location.search).get('report');
  render(
    <Panel
      api={backgroundApi(source)}
      send={send}
      listen={(l) => {
        listeners.add(l);
        return () => listeners.delete(l);
      }}
      source={source}
      linkedReport={linked && /^[0-9a-f-]{36}$/i.test(linked) ? linked : null}
    />,
    app,
  );
  // The tools are in the document with their handlers: the frame can be used from here.
  performance.mark('snag-tools-ready');
}

main();

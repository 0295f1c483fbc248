import { render } from 'preact';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createShadowRootUi } from 'wxt/utils/content-script-ui/shadow-root';
import Annotator from '@/components/annotator/Annotator';
import { backgroundApi } from '@/components/annotator/api';
import { SNAG_UI_ATTRIBUTE } from '@/utils/anchoring/text-model';
import formCss from '@/components/ui.css?inline';
import annotatorCss from '@/components/annotator/annotator.css?inline';
import { sendToBackground } from '@/utils/messaging';
import { shieldEvents } from './shield';

/** What stays behind in the extension's isolated world, so a second injection reuses it. */
interface Instance {
  show(): void;
}

const INSTANCE = '__snagAnnotator';
type Scope = typeof globalThis & { [INSTANCE]?: Instance };

/** Waits until the page has painted at least once more. */
const nextPaint = () =>
  new Promise<void>((done) =>
    requestAnimationFrame(() => requestAnimationFrame(() => done())),
  );

export default defineContentScript({
  // Injected on demand through activeTab + scripting (DESIGN §5); never in the manifest.
  registration: 'runtime',
  main: async () => {
    const scope = globalThis as Scope;
    const existing = scope[INSTANCE];
    if (existing) {
      existing.show();
      return;
    }
    // A context of our own, so a second injection (which starts a new WXT context for this
    // script and invalidates the old one) does not tear down the UI it is about to reuse.
    const ctx = new ContentScriptContext('snag-annotator-ui', {
      noScriptStartedPostMessage: true,
    });
    let host: HTMLElement | undefined;
    let unshield = () => {};
    const ui = await createShadowRootUi(ctx, {
      name: 'snag-annotator',
      mode: 'open',
      position: 'inline',
      css: `${formCss.replaceAll(':root', '.snag-root')}\n${annotatorCss}`,
      onMount(container, shadow, shadowHost) {
        host = shadowHost;
        shadowHost.setAttribute(SNAG_UI_ATTRIBUTE, '');
        unshield = shieldEvents(shadow);
        // Listeners the page put on its window before we came run before the shield; the
        // background makes their stopping calls harmless for events aimed at our UI.
        void sendToBackground('guardPage', {});
        const setCapturing = async (on: boolean) => {
          if (on) shadowHost.setAttribute('data-capturing', '');
          else shadowHost.removeAttribute('data-capturing');
          await nextPaint();
        };
        render(
          <Annotator
            api={backgroundApi()}
            doc={document}
            host={shadowHost}
            setCapturing={setCapturing}
            onClose={() => instance.hide()}
          />,
          container,
        );
        return container;
      },
      onRemove(container) {
        unshield();
        if (container) render(null, container);
      },
    });
    const instance = {
      show() {
        if (!host?.isConnected) ui.mount();
      },
      hide() {
        ui.remove();
        delete scope[INSTANCE];
      },
    };
    scope[INSTANCE] = instance;
    ui.mount();
  },
});

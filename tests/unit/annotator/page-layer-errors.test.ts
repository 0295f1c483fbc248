// Snag's in-page layer on a page it cannot describe: picking then ends pin mode and tells the
// frame so, instead of leaving the reporter in a picker that does nothing.
import { expect, it, vi } from 'vitest';
import { createPageLayer } from '@/components/annotator/page-layer';
import type { LayerToFrame } from '@/utils/frame-link';

vi.mock('@/utils/anchoring', async (original) => ({
  ...(await original<typeof import('@/utils/anchoring')>()),
  describeElement: () => {
    throw new Error('An odd page');
  },
}));

it('leaves pin mode and says so when the chosen element cannot be described', () => {
  document.body.replaceChildren(document.createElement('main'));
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockReturnValue(
    new DOMRect(0, 0, 100, 20),
  );
  const host = document.createElement('div');
  const shadow = host.attachShadow({ mode: 'open' });
  const container = document.createElement('div');
  shadow.append(container);
  document.documentElement.append(host);
  const sent: LayerToFrame[] = [];
  const layer = createPageLayer({
    doc: document,
    host,
    container,
    send: (m) => sent.push(m),
  });
  layer.setMode('pin');
  sent.length = 0;
  const click = new MouseEvent('click', { bubbles: true, cancelable: true });
  Object.defineProperty(click, 'isTrusted', { value: true });
  shadow.querySelector('.snag-picker-bar button.primary')!.dispatchEvent(click);
  expect(sent).toEqual([{ type: 'mode', mode: 'idle' }]);
  expect(shadow.querySelector('.snag-glass')).toBeNull();
  layer.destroy();
  host.remove();
});

/**
 * A screenshot for Snag's frame: the worker hides the page's layer (marks and the frame
 * itself) through the content script, takes the masked capture, shows the layer again, and
 * answers only the masked image. The page never holds a pixel of it.
 */
import { browser } from 'wxt/browser';
import type { LayerVisibility } from '@/utils/frame-link';
import type { MaskedShot } from '@/utils/messaging';
import { blobToDataUrl } from '@/utils/data-url';
import { captureMaskedTab } from './capture';

/** Hides or shows Snag's layer in the top frame of `tabId`, resolving once painted. */
async function setLayerHidden(tabId: number, hidden: boolean): Promise<void> {
  await browser.tabs.sendMessage(
    tabId,
    { type: 'snagLayerHidden', hidden } satisfies LayerVisibility,
    { frameId: 0 },
  );
}

/** A masked capture of `tabId` with Snag left out, for the frame in that tab. */
export async function captureFrameTab(tabId: number): Promise<MaskedShot> {
  const shot = await captureMaskedTab(tabId, {
    hideUi: () => setLayerHidden(tabId, true),
    showUi: () => setLayerHidden(tabId, false),
  });
  if (!shot.ok) throw new Error(shot.error);
  return {
    dataUrl: await blobToDataUrl(shot.image),
    width: shot.width,
    height: shot.height,
    masks: shot.masks,
    notes: shot.notes,
  };
}

import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { Browser } from 'wxt/browser';
import { onPickerScriptRequest } from '@/entrypoints/background/annotator';
import { PICKER_SCRIPT } from '@/utils/frame-link';

// Snag's content script in a council page's subframe 4 of tab 9.
const contentScript = (
  over: Partial<Browser.runtime.MessageSender> = {},
): Browser.runtime.MessageSender => ({
  id: fakeBrowser.runtime.id,
  url: 'https://www.example-council.gov.uk/bins',
  frameId: 4,
  tab: { id: 9 } as Browser.tabs.Tab,
  ...over,
});
const ask = { type: 'snagPickerScript' };

describe('the picker script, on the layer’s request', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is injected into the frame of the content script that asks, answered once it has run', async () => {
    const inject = vi
      .spyOn(fakeBrowser.scripting, 'executeScript')
      .mockResolvedValue([]);
    await expect(onPickerScriptRequest(ask, contentScript())).resolves.toBe(
      true,
    );
    expect(inject).toHaveBeenCalledWith({
      target: { tabId: 9, frameIds: [4] },
      files: [PICKER_SCRIPT],
    });
  });

  it('is left to other listeners for any other message, and refused to anyone but a content script of Snag', () => {
    const inject = vi
      .spyOn(fakeBrowser.scripting, 'executeScript')
      .mockResolvedValue([]);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(onPickerScriptRequest({ type: 'other' }, contentScript())).toBe(
      undefined,
    );
    expect(onPickerScriptRequest(null, contentScript())).toBe(undefined);
    expect(warn).not.toHaveBeenCalled();
    for (const sender of [
      contentScript({ id: 'another-extension' }),
      contentScript({ url: 'chrome-extension://abc/annotator-frame.html' }),
      contentScript({ tab: undefined }),
      contentScript({ frameId: undefined }),
    ])
      expect(onPickerScriptRequest(ask, sender)).toBe(undefined);
    expect(inject).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(4);
  });
});

import { describe, expect, it } from 'vitest';
import { browser, type Browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { afterSave } from '@/entrypoints/background/after-save';
import { setupPopupMessages } from '@/entrypoints/background/popup-messages';
import { annotatorHandlers } from '@/entrypoints/background/annotator';
import { FRAME_PAGE } from '@/utils/frame-link';
import { sampleReport } from './fixtures';

const T0 = Date.UTC(2026, 10, 20, 9);

/** The after-save step with every collaborator watched, in the order they ran. */
function watched() {
  const steps: string[] = [];
  const step = afterSave({
    updateBadge: async () => void steps.push('badge'),
    runSync: async () => void steps.push('sync'),
    reportsChanged: async (at) => void steps.push(`lists ${at}`),
    now: () => T0,
  });
  return { steps, step };
}

describe('after a report is saved', () => {
  it('recounts the badge, starts sync and tells open pages, on the clock it is given', async () => {
    const { steps, step } = watched();
    await step('any');
    expect(steps).toEqual(['badge', 'sync', `lists ${T0}`]);
  });

  it('runs the same step for a report saved in the popup as for one saved on the page', async () => {
    const popup = watched();
    setupPopupMessages(popup.step);
    const report = sampleReport();
    // As the popup sends it: from an extension page of our own.
    const fromPopup: Browser.runtime.MessageSender = {
      id: browser.runtime.id,
      url: browser.runtime.getURL('/popup.html'),
    };
    const [answer] = (await fakeBrowser.runtime.onMessage.trigger(
      { type: 'reportSaved', data: { id: report.id } },
      fromPopup,
    )) as unknown[];
    expect(answer).toEqual({ ok: true, value: undefined });
    expect(popup.steps).toEqual(['badge', 'sync', `lists ${T0}`]);

    const page = watched();
    // As Snag's frame sends it: the extension's frame page, in a subframe of the tab.
    const sender: Browser.runtime.MessageSender = {
      id: browser.runtime.id,
      url: browser.runtime.getURL(FRAME_PAGE),
      frameId: 3,
      tab: { id: 7, url: report.page.url, title: 'Apply' } as Browser.tabs.Tab,
    };
    await annotatorHandlers(page.step).saveReport!({ report }, sender);
    expect(page.steps).toEqual(popup.steps);
  });
});

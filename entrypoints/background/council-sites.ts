/**
 * On the council sites where the user granted host access, a link from the review dashboard
 * (ending in `#snag=<report id>`) opens the annotator by itself, which then scrolls to that
 * report's notes. Elsewhere Snag acts only when the user clicks it.
 */
import { browser } from 'wxt/browser';
import { councilSitesStorage } from '@/utils/settings';
import { injectAnnotator } from './annotator';

/** Whether `url` is a dashboard link to a report on one of the user's council sites. */
export async function isCouncilReportLink(
  url: string | undefined,
): Promise<boolean> {
  if (!url || !/#snag=[0-9a-f-]{36}$/i.test(url)) return false;
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    return false;
  }
  if (!(await councilSitesStorage.getValue()).includes(origin)) return false;
  return browser.permissions.contains({ origins: [`${origin}/*`] });
}

/** Watches tabs for dashboard links to council pages. */
export function setupCouncilSites(): void {
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    if (change.status !== 'complete') return;
    void isCouncilReportLink(tab.url).then((yes) => {
      if (yes) return injectAnnotator(tabId);
    });
  });
}

/**
 * "Report friction on this page" in the page's context menu. It opens the same flow as the
 * toolbar button and the keyboard shortcut (the manifest's `_execute_action` command).
 */
import { browser, type Browser } from 'wxt/browser';
import { t } from '@/utils/i18n';

/** Id of the context menu item. */
export const REPORT_MENU_ID = 'snag-report-page';

/** Opens the report flow for `tab`: the toolbar popup where the browser allows, else a window. */
export async function openReportFlow(
  tab: Browser.tabs.Tab | undefined,
): Promise<void> {
  try {
    await browser.action.openPopup();
    return;
  } catch {
    // openPopup needs a focused window with the toolbar (and is missing in older browsers);
    // a small window showing the same popup page works everywhere.
  }
  const query = tab?.id !== undefined ? `?tabId=${tab.id}` : '';
  await browser.windows.create({
    url: browser.runtime.getURL(`/popup.html${query}`),
    type: 'popup',
    width: 420,
    height: 640,
  });
}

/** Registers the menu item (on install) and its click handler (at every start). */
export function setupContextMenu(): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({
      id: REPORT_MENU_ID,
      title: t('contextMenuReport'),
      contexts: ['page', 'selection', 'link', 'image', 'editable'],
      documentUrlPatterns: ['http://*/*', 'https://*/*'],
    });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId === REPORT_MENU_ID) void openReportFlow(tab);
  });
}

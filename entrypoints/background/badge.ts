/**
 * The toolbar badge: how many reports still wait to be sent (once a server is connected), or,
 * when the user prefers it, how many of their reports are on the page in the active tab. Both
 * are counted on the device; no page address leaves it for this.
 */
import { browser } from 'wxt/browser';
import { effectiveUrlAllowList } from '@/utils/managed-settings';
import { countUnsent, reportsForUrl } from '@/utils/reports';
import { badgeModeStorage, serverUrlStorage } from '@/utils/settings';
import { cleanUrl } from '@/utils/privacy';

const BADGE_COLOUR = '#1d5d6b';

async function activeTabUrl(): Promise<string | undefined> {
  const [tab] = await browser.tabs.query({
    active: true,
    lastFocusedWindow: true,
  });
  return tab?.url;
}

/** The badge text for the current settings and state. */
export async function badgeText(tabUrl?: string): Promise<string> {
  if ((await badgeModeStorage.getValue()) === 'page') {
    const url = tabUrl && cleanUrl(tabUrl, await effectiveUrlAllowList());
    const count = url ? (await reportsForUrl(url)).length : 0;
    return count > 0 ? String(count) : '';
  }
  if (!(await serverUrlStorage.getValue())) return '';
  const unsent = await countUnsent();
  return unsent > 0 ? String(unsent) : '';
}

/** Recomputes the badge. */
export async function updateBadge(): Promise<void> {
  const text = await badgeText(await activeTabUrl());
  await browser.action.setBadgeBackgroundColor({ color: BADGE_COLOUR });
  await browser.action.setBadgeText({ text });
}

/** Keeps the badge current at start, on setting changes and as the user moves between tabs. */
export function setupBadge(): void {
  void updateBadge();
  serverUrlStorage.watch(() => void updateBadge());
  badgeModeStorage.watch(() => void updateBadge());
  browser.tabs.onActivated.addListener(() => void updateBadge());
  browser.tabs.onUpdated.addListener((_id, change) => {
    if (change.url) void updateBadge();
  });
}

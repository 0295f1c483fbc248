/**
 * The toolbar badge: how many reports still wait to be sent, once a server is connected.
 */
import { browser } from 'wxt/browser';
import { countUnsent } from '@/utils/reports';
import { serverUrlStorage } from '@/utils/settings';

/** Recomputes the badge from the outbox. */
export async function updateBadge(): Promise<void> {
  const connected = Boolean(await serverUrlStorage.getValue());
  const unsent = connected ? await countUnsent() : 0;
  await browser.action.setBadgeBackgroundColor({ color: '#1d5d6b' });
  await browser.action.setBadgeText({ text: unsent > 0 ? String(unsent) : '' });
}

/** Keeps the badge current at start and when the server setting changes. */
export function setupBadge(): void {
  void updateBadge();
  serverUrlStorage.watch(() => void updateBadge());
}

/** How a report's sync state reads to the reporter (docs/architecture.md, "The extension"). */
import type { StoredLocalReport } from '../db';
import { t } from '../i18n';

/**
 * The state in words: "Saved on this device" until a server is connected, then
 * "Waiting to send", "Sent" or "Could not send: <reason>".
 */
export function syncLabel(
  record: Pick<StoredLocalReport, 'sync' | 'syncError'>,
  connected: boolean,
): string {
  if (record.sync === 'sent') return t('syncSent');
  if (!connected) return t('syncLocal');
  if (record.sync === 'failed')
    return t('syncFailed', record.syncError ?? t('syncUnknownError'));
  return t('syncWaiting');
}

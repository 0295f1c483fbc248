/**
 * The background's answers to messages from the popup and options pages.
 */
import { onMessages } from '@/utils/messaging';
import { updateBadge } from './badge';
import { retryReport, runSync } from './sync';

/** Registers every message handler. */
export function setupMessages(): void {
  onMessages({
    reportSaved: async () => {
      await updateBadge();
      void runSync();
    },
    syncNow: async () => {
      await runSync(true);
    },
    retrySend: async ({ id }) => {
      await retryReport(id);
    },
  });
}

/**
 * The background's answers to messages from the popup and options pages.
 */
import { onMessages } from '@/utils/messaging';
import { badgeAndSend } from './annotator';
import { retryReport, runSync } from './sync';

/** Registers every message handler. */
export function setupMessages(): void {
  onMessages({
    // The popup refreshes its own list, so only the badge and sync follow.
    reportSaved: () => badgeAndSend(),
    syncNow: async () => {
      await runSync(true);
    },
    retrySend: async ({ id }) => {
      await retryReport(id);
    },
  });
}

/**
 * The background's answers to messages from the popup and options pages.
 */
import { onMessages } from '@/utils/messaging';
import { afterSave as defaultAfterSave, type AfterSave } from './after-save';
import { emailSettings, retryReport, runSync, saveEmailSettings } from './sync';

/** Registers every message handler. */
export function setupPopupMessages(
  afterSave: AfterSave = defaultAfterSave(),
): void {
  onMessages({
    // The popup saved the report in its own page; the same step follows as for the page's.
    reportSaved: ({ id }) => afterSave(id),
    syncNow: async () => {
      await runSync(true);
    },
    retrySend: async ({ id }) => {
      await retryReport(id);
    },
    emailSettings: () => emailSettings(),
    saveEmailSettings: ({ settings }) => saveEmailSettings(settings),
  });
}

/**
 * The background's answers to messages from the popup, options and annotator.
 */
import { onMessages } from '@/utils/messaging';
import { updateBadge } from './badge';

/** Registers every message handler. */
export function setupMessages(): void {
  onMessages({
    reportSaved: async () => {
      await updateBadge();
    },
  });
}

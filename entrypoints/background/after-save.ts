/**
 * What follows every saved report, whichever way it was saved: from the popup (which saves
 * in its own page and then tells the background) or from the annotator on the page (which
 * asks the background to save). One step for both, so the two paths cannot drift apart.
 */
import { reportsChangedAtStorage } from '@/utils/settings';
import { updateBadge } from './badge';
import { runSync } from './sync';

/** Runs after report `id` was saved on the device. */
export type AfterSave = (id: string) => Promise<void>;

/** What the after-save step touches, injected so tests can watch it on their own clock. */
export interface AfterSaveDeps {
  /** Recounts the toolbar badge. */
  updateBadge: () => Promise<void>;
  /** Starts sending what is due; the step does not wait for the network. */
  runSync: () => Promise<void>;
  /** Tells open popups and options pages to refresh their lists of reports. */
  reportsChanged: (at: number) => Promise<void>;
  now: () => number;
}

const background: AfterSaveDeps = {
  updateBadge,
  runSync: () => runSync(),
  reportsChanged: (at) => reportsChangedAtStorage.setValue(at),
  now: Date.now,
};

/**
 * The after-save step: the badge counts the report, sync starts sending it, and open
 * extension pages refresh their lists. It covers every waiting report, so the id only names
 * which save set it off.
 */
export function afterSave(deps: AfterSaveDeps = background): AfterSave {
  return async () => {
    await deps.updateBadge();
    void deps.runSync();
    await deps.reportsChanged(deps.now());
  };
}

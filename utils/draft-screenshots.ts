/**
 * The masked screenshot of a report still being written on a page. It is kept on the device
 * (IndexedDB, extension origin) from the moment it is taken, so that a reload or a closed tab
 * loses nothing, and it is deleted once the report is saved or the draft discarded.
 */
import { getDb } from './db';

/** Keeps the draft's masked screenshot for the page, replacing any earlier one. */
export async function putDraftScreenshot(
  url: string,
  draftId: string,
  blob: Blob,
): Promise<void> {
  await (await getDb()).put('draftScreenshots', { url, draftId, blob });
}

/** The masked screenshot of this draft on this page, if one was taken. */
export async function getDraftScreenshot(
  url: string,
  draftId: string,
): Promise<Blob | undefined> {
  const record = await (await getDb()).get('draftScreenshots', url);
  return record?.draftId === draftId ? record.blob : undefined;
}

/** Forgets the page's draft screenshot (after a save, a discard or its removal). */
export async function deleteDraftScreenshot(url: string): Promise<void> {
  await (await getDb()).delete('draftScreenshots', url);
}

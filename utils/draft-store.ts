/**
 * Reports still being written: one draft per page, keyed by the cleaned URL and shared by the
 * popup and the annotator. A draft and its masked screenshot are one IndexedDB record
 * (`drafts`), written in one transaction, so the image is kept from the moment it is taken,
 * never outlives its draft and never shows with another; a reload or a closed tab loses
 * nothing. IndexedDB runs the read-write transactions of every context one after another,
 * so overlapping autosaves from the popup and the page need no lock.
 */
import { annotation } from '@/protocol/report';
import { isDraft, type ReportDraft } from './report-draft';
import { getDb, type DraftRecord } from './db';

/** The page's record, with its draft checked for shape; undefined when it has none. */
async function readRecord(url: string): Promise<DraftRecord | undefined> {
  const record = await (await getDb()).get('drafts', url);
  return record && isDraft(record.draft) ? record : undefined;
}

/**
 * The page's draft, if it has one. Annotations that fail the schema (a damaged record) are
 * left out, so that the page only ever anchors validated selectors.
 */
export async function readDraft(url: string): Promise<ReportDraft | undefined> {
  const saved = (await readRecord(url))?.draft;
  if (!saved) return undefined;
  return {
    ...saved,
    annotations: saved.annotations.filter(
      (a) => annotation.safeParse(a).success,
    ),
  };
}

/**
 * Keeps the page's draft, or forgets it (null) together with its screenshot. `screenshot`
 * replaces the draft's masked image, removes it (null), or leaves it as it is (undefined);
 * a different draft on the page never inherits the image of the one before.
 */
export async function writeDraft(
  url: string,
  draft: ReportDraft | null,
  screenshot?: Blob | null,
): Promise<void> {
  const tx = (await getDb()).transaction('drafts', 'readwrite');
  if (!draft) {
    await Promise.all([tx.store.delete(url), tx.done]);
    return;
  }
  let image = screenshot ?? undefined;
  if (screenshot === undefined) {
    const kept = await tx.store.get(url);
    if (isDraft(kept?.draft) && kept.draft.id === draft.id)
      image = kept.screenshot;
  }
  await Promise.all([
    tx.store.put({ url, draft, ...(image ? { screenshot: image } : {}) }),
    tx.done,
  ]);
}

/**
 * Forgets the page's draft if it is still `draftId`, the one a report was just saved from;
 * a newer draft begun meanwhile stays.
 */
export async function discardDraft(
  url: string,
  draftId: string,
): Promise<void> {
  const tx = (await getDb()).transaction('drafts', 'readwrite');
  const kept = await tx.store.get(url);
  if (isDraft(kept?.draft) && kept.draft.id === draftId)
    await tx.store.delete(url);
  await tx.done;
}

/** The masked screenshot of this draft on this page, if one was taken. */
export async function getDraftScreenshot(
  url: string,
  draftId: string,
): Promise<Blob | undefined> {
  const record = await readRecord(url);
  return record?.draft.id === draftId ? record.screenshot : undefined;
}

/**
 * Reports still being written: one draft per page, keyed by the cleaned URL and shared by the
 * popup and the annotator, with the draft's masked screenshot kept beside it in IndexedDB from
 * the moment it is taken, so that a reload or a closed tab loses nothing. Both are deleted once
 * the report is saved or the draft discarded.
 */
import { annotation } from '@/protocol/report';
import type { ReportDraft } from './report-draft';
import { getDb } from './db';
import { draftsStorage } from './settings';

/** True for a value shaped like a draft (drafts are stored unvalidated, as the form holds them). */
export function isDraft(value: unknown): value is ReportDraft {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ReportDraft).id === 'string' &&
    Array.isArray((value as ReportDraft).annotations)
  );
}

/**
 * The page's draft, if it has one. Annotations that fail the schema (a damaged record) are
 * left out, so that the page only ever anchors validated selectors.
 */
export async function readDraft(url: string): Promise<ReportDraft | undefined> {
  const saved = (await draftsStorage.getValue())[url];
  if (!isDraft(saved)) return undefined;
  return {
    ...saved,
    annotations: saved.annotations.filter(
      (a) => annotation.safeParse(a).success,
    ),
  };
}

let writes: Promise<unknown> = Promise.resolve();

/** The Web Lock that orders draft writes across the popup, options and background. */
export const DRAFTS_LOCK = 'snag-drafts';

/**
 * Runs draft writes one after another, since each rewrites the whole map of drafts. Each
 * context has its own copy of this module; where the Web Locks API exists, one lock also
 * orders the writes of the popup against the background's.
 */
function serially<T>(write: () => Promise<T>): Promise<T> {
  const locks = globalThis.navigator?.locks;
  const run = locks
    ? () => locks.request(DRAFTS_LOCK, write) as Promise<T>
    : write;
  const done = writes.then(run, run);
  writes = done.catch(() => {});
  return done;
}

/**
 * Keeps the page's draft, or forgets it (null) together with its screenshot. `screenshot`
 * replaces the draft's masked image, removes it (null), or leaves it as it is (undefined).
 */
export function writeDraft(
  url: string,
  draft: ReportDraft | null,
  screenshot?: Blob | null,
): Promise<void> {
  return serially(async () => {
    const drafts = await draftsStorage.getValue();
    if (draft) drafts[url] = draft;
    else delete drafts[url];
    await draftsStorage.setValue(drafts);
    const db = await getDb();
    if (!draft || screenshot === null)
      await db.delete('draft-screenshots', url);
    else if (screenshot)
      await db.put('draft-screenshots', {
        url,
        draftId: draft.id,
        blob: screenshot,
      });
  });
}

/** The masked screenshot of this draft on this page, if one was taken. */
export async function getDraftScreenshot(
  url: string,
  draftId: string,
): Promise<Blob | undefined> {
  const record = await (await getDb()).get('draft-screenshots', url);
  return record?.draftId === draftId ? record.blob : undefined;
}

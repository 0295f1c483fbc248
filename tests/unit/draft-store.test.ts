import { describe, expect, it } from 'vitest';
import { emptyDraft } from '@/utils/report-draft';
import {
  discardDraft,
  getDraftScreenshot,
  readDraft,
  writeDraft,
} from '@/utils/draft-store';
import { getDb } from '@/utils/db';

const A = 'https://www.example-council.gov.uk/a';
const B = 'https://www.example-council.gov.uk/b';
const png = () => new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' });

describe('drafts', () => {
  it('keeps every page’s draft when writes overlap', async () => {
    const a = { ...emptyDraft(), trying: 'Page A' };
    const b = { ...emptyDraft(), trying: 'Page B' };
    // Started together, as an autosave in the popup and one from the page may be.
    await Promise.all([writeDraft(A, a), writeDraft(B, b)]);
    expect((await readDraft(A))?.trying).toBe('Page A');
    expect((await readDraft(B))?.trying).toBe('Page B');
  });

  it('forgets the screenshot with the draft, and only shows it to its own draft', async () => {
    const draft = emptyDraft();
    await writeDraft(A, draft, png());
    expect((await getDraftScreenshot(A, draft.id))?.size).toBe(3);
    expect(await getDraftScreenshot(A, emptyDraft().id)).toBeUndefined();
    await writeDraft(A, { ...draft, trying: 'Still here' });
    expect((await getDraftScreenshot(A, draft.id))?.size).toBe(3);
    await writeDraft(A, null);
    expect(await getDraftScreenshot(A, draft.id)).toBeUndefined();
    expect(await readDraft(A)).toBeUndefined();
    expect(await (await getDb()).count('drafts')).toBe(0);
  });

  it('keeps a draft and its screenshot as one record', async () => {
    const draft = { ...emptyDraft(), trying: 'With a picture' };
    await writeDraft(A, draft, png());
    const record = await (await getDb()).get('drafts', A);
    expect(record?.draft).toEqual(draft);
    expect(record?.screenshot?.size).toBe(3);
    await writeDraft(A, draft, null);
    expect(
      (await (await getDb()).get('drafts', A))?.screenshot,
    ).toBeUndefined();
  });

  it('keeps the image when an autosave of the text overlaps taking it, in either order', async () => {
    const draft = emptyDraft();
    const typed = { ...draft, trying: 'Typed meanwhile' };
    await Promise.all([writeDraft(A, draft, png()), writeDraft(A, typed)]);
    expect((await getDraftScreenshot(A, draft.id))?.size).toBe(3);
    expect((await readDraft(A))?.trying).toBe('Typed meanwhile');

    await writeDraft(B, draft);
    await Promise.all([writeDraft(B, typed), writeDraft(B, draft, png())]);
    expect((await getDraftScreenshot(B, draft.id))?.size).toBe(3);
  });

  it('discards the draft a report was saved from, but not a newer one on the page', async () => {
    const saved = emptyDraft();
    const newer = emptyDraft();
    await writeDraft(A, newer, png());
    await discardDraft(A, saved.id);
    expect((await readDraft(A))?.id).toBe(newer.id);
    expect((await getDraftScreenshot(A, newer.id))?.size).toBe(3);
    await discardDraft(A, newer.id);
    expect(await readDraft(A)).toBeUndefined();
  });

  it('reads no draft from a record that is not shaped like one', async () => {
    await (
      await getDb()
    ).put('drafts', { url: A, draft: { nonsense: true } as never });
    expect(await readDraft(A)).toBeUndefined();
    expect(await getDraftScreenshot(A, 'any')).toBeUndefined();
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { emptyDraft } from '@/utils/report-draft';
import {
  DRAFTS_LOCK,
  getDraftScreenshot,
  readDraft,
  writeDraft,
} from '@/utils/draft-store';
import { draftsStorage } from '@/utils/settings';

const A = 'https://www.example-council.gov.uk/a';
const B = 'https://www.example-council.gov.uk/b';
const png = () => new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' });

afterEach(() => {
  vi.unstubAllGlobals();
});

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
    expect(await draftsStorage.getValue()).toEqual({});
  });

  it('takes the shared lock for each write where the browser has Web Locks', async () => {
    const names: string[] = [];
    vi.stubGlobal('navigator', {
      ...navigator,
      locks: {
        request: (name: string, work: () => Promise<unknown>) => {
          names.push(name);
          return work();
        },
      },
    });
    await writeDraft(A, emptyDraft());
    await writeDraft(A, null);
    expect(names).toEqual([DRAFTS_LOCK, DRAFTS_LOCK]);
  });
});

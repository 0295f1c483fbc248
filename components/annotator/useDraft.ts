/**
 * The page's one draft, as Snag's frame holds it: read from the device through the
 * background, autosaved as it changes, and read again when the popup changes it. Looking at
 * a page creates no draft; the first note, screenshot or "New report" does.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import type { ScreenshotInfo } from '@/protocol/report';
import { emptyDraft, type ReportDraft } from '@/utils/report-draft';
import type { AnnotatorContext } from '@/utils/messaging';
import { parseDataUrl } from '@/utils/data-url';
import { watchDraft } from '@/utils/draft-channel';
import { t } from '@/utils/i18n';
import type { AnnotatorApi } from './api';
import type { MaskedScreenshot } from './ScreenshotEditor';

/** Decodes a `data:` URL into a bitmap. */
export async function decodeImage(dataUrl: string): Promise<ImageBitmap> {
  const image = parseDataUrl(dataUrl);
  if (!image) throw new Error('The image is not a data URL');
  return createImageBitmap(
    new Blob([image.bytes as BlobPart], { type: image.type }),
  );
}

/** The masked screenshot kept with a draft, ready to preview; null if unreadable. */
async function restoreScreenshot(
  dataUrl: string,
  info: ScreenshotInfo,
): Promise<MaskedScreenshot | null> {
  try {
    return { dataUrl, bitmap: await decodeImage(dataUrl), info };
  } catch {
    return null;
  }
}

/** The draft kept for the page, with its screenshot if that can be restored. */
async function restoreDraft(context: AnnotatorContext): Promise<{
  draft: ReportDraft | null;
  screenshot: MaskedScreenshot | null;
}> {
  const { draft: saved, screenshot: image } = context;
  // A draft whose image cannot be restored must not claim one.
  const restored =
    image && saved?.screenshot
      ? await restoreScreenshot(image, saved.screenshot)
      : null;
  return {
    screenshot: restored,
    draft: saved && !restored ? { ...saved, screenshot: undefined } : saved,
  };
}

/** The draft as state, with a ref that always holds the latest one. */
function useDraftState() {
  const [draft, setDraftState] = useState<ReportDraft | null>(null);
  const draftRef = useRef<ReportDraft | null>(null);
  const setDraft = (next: ReportDraft | null) => {
    draftRef.current = next;
    setDraftState(next);
  };
  return { draft, draftRef, setDraft };
}

/** Calls `reload` when another view (the popup) changes the draft of the page at `url`. */
function useDraftWatch(
  url: string | undefined,
  source: string,
  reload: () => void,
) {
  useEffect(() => {
    if (!url) return;
    return watchDraft(url, source, reload);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `reload` reads the latest state itself
  }, [url, source]);
}

/** The draft and what goes with it. */
export function useDraft(api: AnnotatorApi, source: string) {
  const [context, setContext] = useState<AnnotatorContext | null>(null);
  const { draft, draftRef, setDraft } = useDraftState();
  const [screenshot, setScreenshot] = useState<MaskedScreenshot | null>(null);
  const [formKey, setFormKey] = useState(0);
  const [error, setError] = useState('');

  const load = async () => {
    const answer = await api.context();
    if (!answer.ok) {
      setError(t('annotatorLoadFailed', answer.error));
      return;
    }
    setError('');
    setContext(answer.value);
    const restored = await restoreDraft(answer.value);
    setScreenshot(restored.screenshot);
    setDraft(restored.draft);
    setFormKey((k) => k + 1);
  };

  useDraftWatch(context?.page.url, source, () => void load());

  /** Shows and autosaves the draft; `image` as for `AnnotatorApi.saveDraft`. */
  const commit = (next: ReportDraft | null, image?: string | null) => {
    setDraft(next);
    return api.saveDraft(next, image);
  };

  /** The draft, begun now if there is none. */
  const current = (): ReportDraft => {
    if (draftRef.current) return draftRef.current;
    const fresh = emptyDraft();
    setFormKey((k) => k + 1);
    return fresh;
  };

  /** The form changed the draft: keep the screenshot's description only with its image. */
  const onFormChange = (d: ReportDraft) => {
    const next = screenshot ? d : { ...d, screenshot: undefined };
    void commit(next);
  };

  /** Keeps an accepted screenshot with the draft. */
  const attach = async (shot: MaskedScreenshot) => {
    setScreenshot(shot);
    return commit({ ...current(), screenshot: shot.info }, shot.dataUrl);
  };

  const detach = () => {
    setScreenshot(null);
    const d = draftRef.current;
    if (d) void commit({ ...d, screenshot: undefined }, null);
  };

  /** After a save: no draft until the user begins another. */
  const clear = () => {
    setDraft(null);
    setScreenshot(null);
    setFormKey((k) => k + 1);
  };

  return {
    context,
    draft,
    draftRef,
    screenshot,
    formKey,
    error,
    load,
    commit,
    current,
    onFormChange,
    attach,
    detach,
    clear,
  };
}

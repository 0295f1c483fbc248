/**
 * Taking a screenshot from Snag's frame: the background hides Snag, captures and masks the
 * tab, and answers the masked image, which is shown and edited here only.
 */
import { useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { Redaction } from '@/utils/screenshot';
import type { AnnotatorApi } from './api';
import { decodeImage } from './useDraft';

/** A masked capture open in the editor. */
export interface Capture {
  image: ImageBitmap;
  size: { width: number; height: number };
  /** The masks already painted, shown as boxes the reporter can see. */
  auto: Redaction[];
}

/** The capture being edited; `expand` lets the frame cover the view while editing. */
export function useCapture(
  api: AnnotatorApi,
  say: (s: string) => void,
  expand: (on: boolean) => void,
) {
  const [capture, setCapture] = useState<Capture | null>(null);

  const take = async () => {
    say(t('screenshotTaking'));
    const shot = await api.capture();
    if (!shot.ok) {
      say(t('screenshotFailed', shot.error));
      return;
    }
    try {
      const image = await decodeImage(shot.value.dataUrl);
      setCapture({
        image,
        size: { width: shot.value.width, height: shot.value.height },
        auto: shot.value.masks.map((m) => ({ ...m, source: 'auto' })),
      });
      expand(true);
      say(shot.value.notes.join(' '));
    } catch (e) {
      say(t('screenshotFailed', e instanceof Error ? e.message : String(e)));
    }
  };

  const close = () => {
    capture?.image.close();
    setCapture(null);
    expand(false);
  };

  return { capture, take, close };
}

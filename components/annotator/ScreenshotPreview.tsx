import { useEffect, useRef } from 'preact/hooks';
import { t } from '@/utils/i18n';
import type { MaskedScreenshot } from './ScreenshotEditor';

/** Props of the draft's screenshot preview. */
export interface ScreenshotPreviewProps {
  shot: MaskedScreenshot;
  onRemove: () => void;
}

/** The masked screenshot kept with the draft, drawn in Snag's frame only. */
export default function ScreenshotPreview(props: ScreenshotPreviewProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = canvas.current;
    if (!c) return;
    c.width = props.shot.info.width;
    c.height = props.shot.info.height;
    c.getContext('2d')?.drawImage(props.shot.bitmap, 0, 0);
  }, [props.shot]);
  return (
    <div class="snag-preview">
      <canvas ref={canvas} role="img" aria-label={t('screenshotPreview')} />
      <button type="button" class="link" onClick={props.onRemove}>
        {t('screenshotRemove')}
      </button>
    </div>
  );
}

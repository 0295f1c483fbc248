import { useEffect, useRef, useState } from 'preact/hooks';
import type { Rect, ScreenshotInfo } from '@/protocol/report';
import {
  adjustRect,
  paintRedactions,
  rectFromDrag,
  storedRedactions,
  type ImageSize,
  type PinMarker,
  type Redaction,
} from '@/utils/screenshot';
import { t } from '@/utils/i18n';

/** The masked screenshot the reporter accepted. */
export interface MaskedScreenshot {
  /** The masked image as a PNG data URL: the only form of the capture that is kept. */
  dataUrl: string;
  /** The masked image, for the preview. */
  bitmap: ImageBitmap | HTMLCanvasElement;
  info: ScreenshotInfo;
}

/** Props of the screenshot editor. */
export interface ScreenshotEditorProps {
  /** The unmasked capture, held in memory only while the editor is open. */
  image: CanvasImageSource;
  size: ImageSize;
  /** Boxes found automatically over private fields. */
  auto: Redaction[];
  /** Pin numbers to draw where annotations are in view. */
  pins: PinMarker[];
  onDone: (shot: MaskedScreenshot) => void;
  onCancel: () => void;
}

const PIN_RADIUS = 14;

/** Draws the image, its masks and pin numbers; `selected` is outlined for editing only. */
function draw(
  canvas: HTMLCanvasElement,
  props: Pick<ScreenshotEditorProps, 'image' | 'size' | 'pins'>,
  redactions: readonly Rect[],
  selected?: Rect,
) {
  canvas.width = props.size.width;
  canvas.height = props.size.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.drawImage(props.image, 0, 0);
  paintRedactions(ctx, redactions);
  for (const pin of props.pins) {
    ctx.fillStyle = '#1d5d6b';
    ctx.beginPath();
    ctx.arc(pin.x, pin.y, PIN_RADIUS, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.font = 'bold 16px sans-serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(String(pin.number), pin.x, pin.y);
  }
  if (selected) {
    ctx.strokeStyle = '#ffdd00';
    ctx.lineWidth = 4;
    ctx.strokeRect(selected.x, selected.y, selected.width, selected.height);
  }
}

/**
 * Checks the masked screenshot before it is kept. Form fields and private elements are
 * already covered; the reporter can draw more boxes with the mouse or the keyboard, and can
 * remove an automatic box only after a warning.
 */
export default function ScreenshotEditor(props: ScreenshotEditorProps) {
  const [boxes, setBoxes] = useState<Redaction[]>(props.auto);
  const [selected, setSelected] = useState<number | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);
  const [drag, setDrag] = useState<{
    from: { x: number; y: number };
    to: { x: number; y: number };
  } | null>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const dragRect = drag ? rectFromDrag(drag.from, drag.to, props.size) : null;
  useEffect(() => {
    if (!canvas.current) return;
    const shown = dragRect ? [...boxes, dragRect] : boxes;
    draw(
      canvas.current,
      props,
      shown,
      selected === null ? undefined : boxes[selected],
    );
  });
  useEffect(() => heading.current?.focus(), []);

  const toImage = (e: MouseEvent) => {
    const c = canvas.current!;
    const r = c.getBoundingClientRect();
    return {
      x: ((e.clientX - r.left) * props.size.width) / (r.width || 1),
      y: ((e.clientY - r.top) * props.size.height) / (r.height || 1),
    };
  };

  const remove = (i: number) => {
    setBoxes((b) => b.filter((_, j) => j !== i));
    setSelected(null);
    setConfirming(null);
  };
  const askRemove = (i: number) => {
    if (boxes[i]?.source === 'auto') setConfirming(i);
    else remove(i);
  };

  const addBox = () => {
    const { width, height } = props.size;
    const w = Math.max(1, Math.round(width / 5));
    const h = Math.max(1, Math.round(height / 8));
    const box: Redaction = {
      x: Math.round((width - w) / 2),
      y: Math.round((height - h) / 2),
      width: w,
      height: h,
      source: 'user',
    };
    setBoxes((b) => [...b, box]);
    setSelected(boxes.length);
    canvas.current?.focus();
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (selected === null) return;
    const box = boxes[selected];
    if (!box) return;
    if (e.key === 'Delete' || e.key === 'Backspace') {
      e.preventDefault();
      askRemove(selected);
      return;
    }
    const step = 10;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const move = moves[e.key];
    if (!move || box.source === 'auto') return;
    e.preventDefault();
    const change = e.shiftKey
      ? { dw: move[0], dh: move[1] }
      : { dx: move[0], dy: move[1] };
    const next = { ...adjustRect(box, change, props.size), source: box.source };
    setBoxes((b) => b.map((x, j) => (j === selected ? next : x)));
  };

  const finish = () => {
    const out = canvas.current!.ownerDocument.createElement('canvas');
    const redactions = storedRedactions(boxes);
    draw(out, props, redactions);
    props.onDone({
      dataUrl: out.toDataURL('image/png'),
      bitmap: out,
      info: {
        mediaType: 'image/png',
        width: props.size.width,
        height: props.size.height,
        redactions,
      },
    });
  };

  let autoCount = 0;
  let userCount = 0;
  const names = boxes.map((b) =>
    b.source === 'auto'
      ? t('screenshotBoxAuto', String(++autoCount))
      : t('screenshotBoxUser', String(++userCount)),
  );

  return (
    <div
      class="snag-dialog"
      role="dialog"
      aria-modal="true"
      aria-labelledby="snag-shot-heading"
    >
      <h2 id="snag-shot-heading" tabIndex={-1} ref={heading}>
        {t('screenshotHeading')}
      </h2>
      <p id="snag-shot-intro">{t('screenshotIntro')}</p>
      <canvas
        ref={canvas}
        class="snag-shot"
        tabIndex={0}
        role="img"
        aria-label={t('screenshotCanvasLabel')}
        aria-describedby="snag-shot-keys"
        onKeyDown={onKeyDown}
        onPointerDown={(e) => {
          const p = toImage(e);
          setDrag({ from: p, to: p });
          (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
        }}
        onPointerMove={(e) => drag && setDrag({ ...drag, to: toImage(e) })}
        onPointerUp={() => {
          if (dragRect && dragRect.width > 3 && dragRect.height > 3) {
            setBoxes((b) => [...b, { ...dragRect, source: 'user' }]);
            setSelected(boxes.length);
          }
          setDrag(null);
        }}
      />
      <p id="snag-shot-keys" class="hint">
        {t('screenshotKeys')}
      </p>
      <button type="button" onClick={addBox}>
        {t('screenshotAddBox')}
      </button>
      <ul class="snag-boxes" aria-label={t('screenshotBoxes')}>
        {boxes.map((b, i) => (
          <li key={`${b.x},${b.y},${i}`}>
            <button
              type="button"
              class="link"
              aria-pressed={selected === i}
              onClick={() => {
                setSelected(i);
                canvas.current?.focus();
              }}
            >
              {names[i]}
            </button>
            <button type="button" class="link" onClick={() => askRemove(i)}>
              {t('screenshotRemoveBox', names[i] ?? '')}
            </button>
            {confirming === i && (
              <div class="warning" role="alert">
                <p>{t('screenshotRemoveWarning')}</p>
                <button type="button" class="danger" onClick={() => remove(i)}>
                  {t('screenshotRemoveAnyway')}
                </button>
                <button type="button" onClick={() => setConfirming(null)}>
                  {t('screenshotKeepBox')}
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <div class="snag-actions">
        <button type="button" class="primary" onClick={finish}>
          {t('screenshotUse')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}

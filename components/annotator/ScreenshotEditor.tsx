import { useEffect, useRef, useState } from 'preact/hooks';
import type { Rect, ScreenshotInfo } from '@/protocol/report';
import {
  paintRedactions,
  rectFromDrag,
  storedRedactions,
  type ImageSize,
  type PinMarker,
  type Redaction,
} from '@/utils/screenshot';
import { t } from '@/utils/i18n';
import { BoxList, centredBox, useBoxes } from './ScreenshotBoxes';

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

/** The image with its masks and pins, as it is kept. */
function masked(
  doc: Document,
  props: Pick<ScreenshotEditorProps, 'image' | 'size' | 'pins'>,
  boxes: readonly Redaction[],
): MaskedScreenshot {
  const out = doc.createElement('canvas');
  const redactions = storedRedactions(boxes);
  draw(out, props, redactions);
  return {
    dataUrl: out.toDataURL('image/png'),
    bitmap: out,
    info: {
      mediaType: 'image/png',
      width: props.size.width,
      height: props.size.height,
      redactions,
    },
  };
}

/** Where a pointer event falls on the canvas, in the image's pixels. */
function toImage(c: HTMLCanvasElement, size: ImageSize, e: MouseEvent) {
  const r = c.getBoundingClientRect();
  return {
    x: ((e.clientX - r.left) * size.width) / (r.width || 1),
    y: ((e.clientY - r.top) * size.height) / (r.height || 1),
  };
}

type Point = { x: number; y: number };
type CanvasRef = { readonly current: HTMLCanvasElement | null };

/**
 * Drawing a box by dragging over the canvas: the box so far, and the canvas's pointer
 * handlers. `onDrawn` gets a finished box big enough to keep.
 */
function useDragBox(
  canvas: CanvasRef,
  size: ImageSize,
  onDrawn: (rect: Rect) => void,
) {
  const [drag, setDrag] = useState<{ from: Point; to: Point } | null>(null);
  const rect = drag ? rectFromDrag(drag.from, drag.to, size) : null;
  const at = (e: MouseEvent) => toImage(canvas.current!, size, e);
  const handlers = {
    onPointerDown: (e: PointerEvent) => {
      const p = at(e);
      setDrag({ from: p, to: p });
      (e.currentTarget as Element).setPointerCapture?.(e.pointerId);
    },
    onPointerMove: (e: PointerEvent) => drag && setDrag({ ...drag, to: at(e) }),
    onPointerUp: () => {
      if (rect && rect.width > 3 && rect.height > 3) onDrawn(rect);
      setDrag(null);
    },
  };
  return { rect, handlers };
}

/** Draws the canvas again after every render, with the box being dragged if there is one. */
function useDrawing(
  canvas: CanvasRef,
  props: Pick<ScreenshotEditorProps, 'image' | 'size' | 'pins'>,
  boxes: readonly Rect[],
  selected: number | null,
  dragRect: Rect | null,
) {
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
}

/**
 * Checks the masked screenshot before it is kept. Form fields and private elements are
 * already covered; the reporter can draw more boxes with the mouse or the keyboard, and can
 * remove an automatic box only after a warning.
 */
export default function ScreenshotEditor(props: ScreenshotEditorProps) {
  const b = useBoxes(props.auto, props.size);
  const { boxes, selected } = b;
  const canvas = useRef<HTMLCanvasElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const drag = useDragBox(canvas, props.size, (rect) =>
    b.add({ ...rect, source: 'user' }),
  );

  useDrawing(canvas, props, boxes, selected, drag.rect);
  useEffect(() => heading.current?.focus(), []);

  const select = (i: number) => {
    b.setSelected(i);
    canvas.current?.focus();
  };

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
        onKeyDown={b.onKeyDown}
        {...drag.handlers}
      />
      <p id="snag-shot-keys" class="hint">
        {t('screenshotKeys')}
      </p>
      <button
        type="button"
        onClick={() => {
          b.add(centredBox(props.size));
          canvas.current?.focus();
        }}
      >
        {t('screenshotAddBox')}
      </button>
      <BoxList
        boxes={boxes}
        selected={selected}
        confirming={b.confirming}
        onSelect={select}
        onAskRemove={b.askRemove}
        onRemove={b.remove}
        onKeep={() => b.setConfirming(null)}
      />
      <div class="snag-actions">
        <button
          type="button"
          class="primary"
          onClick={() =>
            props.onDone(masked(canvas.current!.ownerDocument, props, boxes))
          }
        >
          {t('screenshotUse')}
        </button>
        <button type="button" onClick={props.onCancel}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}

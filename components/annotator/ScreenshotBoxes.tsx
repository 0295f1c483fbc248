import { useState } from 'preact/hooks';
import { adjustRect, type ImageSize, type Redaction } from '@/utils/screenshot';
import { t } from '@/utils/i18n';

/** How far an arrow key moves or resizes a box, in the image's pixels. */
const STEP = 10;

const ARROWS: Record<string, [number, number]> = {
  ArrowLeft: [-STEP, 0],
  ArrowRight: [STEP, 0],
  ArrowUp: [0, -STEP],
  ArrowDown: [0, STEP],
};

/** A box of the reporter's own in the middle of the image. */
export function centredBox({ width, height }: ImageSize): Redaction {
  const w = Math.max(1, Math.round(width / 5));
  const h = Math.max(1, Math.round(height / 8));
  return {
    x: Math.round((width - w) / 2),
    y: Math.round((height - h) / 2),
    width: w,
    height: h,
    source: 'user',
  };
}

/**
 * The box moved by an arrow key, or resized with Shift; null for any other key, and for an
 * automatic box, which stays where it was found.
 */
function nudged(
  box: Redaction,
  e: KeyboardEvent,
  size: ImageSize,
): Redaction | null {
  const move = ARROWS[e.key];
  if (!move || box.source === 'auto') return null;
  const change = e.shiftKey
    ? { dw: move[0], dh: move[1] }
    : { dx: move[0], dy: move[1] };
  return { ...adjustRect(box, change, size), source: box.source };
}

/**
 * The screenshot's boxes, the one selected for editing and the automatic one awaiting a
 * warning before it goes, with the keys that edit the selected box.
 */
export function useBoxes(auto: Redaction[], size: ImageSize) {
  const [boxes, setBoxes] = useState<Redaction[]>(auto);
  const [selected, setSelected] = useState<number | null>(null);
  const [confirming, setConfirming] = useState<number | null>(null);

  const remove = (i: number) => {
    setBoxes((b) => b.filter((_, j) => j !== i));
    setSelected(null);
    setConfirming(null);
  };
  const askRemove = (i: number) => {
    if (boxes[i]?.source === 'auto') setConfirming(i);
    else remove(i);
  };
  /** Adds a box and selects it. */
  const add = (box: Redaction) => {
    setBoxes((b) => [...b, box]);
    setSelected(boxes.length);
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
    const next = nudged(box, e, size);
    if (!next) return;
    e.preventDefault();
    setBoxes((b) => b.map((x, j) => (j === selected ? next : x)));
  };

  return {
    boxes,
    selected,
    setSelected,
    confirming,
    setConfirming,
    remove,
    askRemove,
    add,
    onKeyDown,
  };
}

/** Props of the list of boxes. */
export interface BoxListProps {
  boxes: Redaction[];
  selected: number | null;
  /** The automatic box whose removal awaits the warning. */
  confirming: number | null;
  onSelect: (i: number) => void;
  onAskRemove: (i: number) => void;
  onRemove: (i: number) => void;
  onKeep: () => void;
}

/** The boxes by name, each to select or remove; an automatic box goes only after a warning. */
export function BoxList(props: BoxListProps) {
  const { boxes, selected, confirming } = props;
  let autoCount = 0;
  let userCount = 0;
  const names = boxes.map((b) =>
    b.source === 'auto'
      ? t('screenshotBoxAuto', String(++autoCount))
      : t('screenshotBoxUser', String(++userCount)),
  );
  return (
    <ul class="snag-boxes" aria-label={t('screenshotBoxes')}>
      {boxes.map((b, i) => (
        <li key={`${b.x},${b.y},${i}`}>
          <button
            type="button"
            class="link"
            aria-pressed={selected === i}
            onClick={() => props.onSelect(i)}
          >
            {names[i]}
          </button>
          <button
            type="button"
            class="link"
            onClick={() => props.onAskRemove(i)}
          >
            {t('screenshotRemoveBox', names[i] ?? '')}
          </button>
          {confirming === i && (
            <div class="warning" role="alert">
              <p>{t('screenshotRemoveWarning')}</p>
              <button
                type="button"
                class="danger"
                onClick={() => props.onRemove(i)}
              >
                {t('screenshotRemoveAnyway')}
              </button>
              <button type="button" onClick={props.onKeep}>
                {t('screenshotKeepBox')}
              </button>
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}

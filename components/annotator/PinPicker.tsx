import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';
import { labelOf } from './element-label';
import { isPinnable, startElement, walk, type Step } from './element-walk';
import { useViewportTick } from './viewport';

/** Props of the element picker. */
export interface PinPickerProps {
  /** The page's document. */
  doc: Document;
  /** Snag's own host element, never picked. */
  host: Element;
  /** Pins the chosen element. */
  onPick: (element: Element) => void;
  /** Leaves pin mode without pinning. */
  onCancel: () => void;
}

const KEYS: Record<string, Step> = {
  ArrowUp: 'parent',
  ArrowDown: 'child',
  ArrowLeft: 'previous',
  ArrowRight: 'next',
};

/** The outline around the chosen element, with its role and name above or below it. */
function Outline({ box, label }: { box: DOMRect; label: string }) {
  return (
    <>
      <div
        class="snag-picked"
        style={{
          left: `${box.left}px`,
          top: `${box.top}px`,
          width: `${box.width}px`,
          height: `${box.height}px`,
        }}
      />
      <div
        class="snag-picked-label"
        aria-hidden="true"
        style={{
          left: `${Math.max(0, box.left)}px`,
          top: `${box.top > 28 ? box.top - 28 : box.bottom + 4}px`,
        }}
      >
        {label}
      </div>
    </>
  );
}

/**
 * Pin mode. A transparent layer over the page outlines the element under the pointer with
 * its role and name, and a click pins it. From the keyboard, a focused button says which
 * element is chosen; arrow keys walk to the parent, child and siblings, Enter pins, Esc
 * cancels. The layer catches the clicks, so the page never receives them.
 */
export default function PinPicker(props: PinPickerProps) {
  const { doc } = props;
  const root = doc.body ?? doc.documentElement;
  const [current, setCurrent] = useState<Element>(() => startElement(root));
  const [pointerY, setPointerY] = useState<number | null>(null);
  // The outline follows the element while the page scrolls or resizes.
  useViewportTick(doc);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => button.current?.focus(), []);

  const elementAt = (x: number, y: number): Element | null => {
    for (const e of doc.elementsFromPoint(x, y)) {
      if (e === props.host || e === doc.documentElement) continue;
      if (isPinnable(e, () => true)) return e;
    }
    return null;
  };

  const onKeyDown = (e: KeyboardEvent) => {
    if (!e.isTrusted) return;
    const step = KEYS[e.key];
    if (step) {
      e.preventDefault();
      const next = walk(current, step, root);
      next.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
      setCurrent(next);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      props.onCancel();
    }
  };

  const box = current.getBoundingClientRect();
  // Naming reads the element's text (all of it, for <main>): once per element, not per frame.
  const label = useMemo(() => labelOf(current), [current]);
  // The bar keeps clear of the pointer and of the chosen element: it sits at the bottom
  // unless either is in the lower half of the view, then at the top.
  const half = (doc.defaultView?.innerHeight ?? 600) / 2;
  const centre = (box.top + box.bottom) / 2;
  const atTop = (pointerY ?? centre) > half || centre > half;
  const barClass = `snag-picker-bar${atTop ? ' top' : ''}`;
  return (
    <>
      <div
        class="snag-glass"
        onPointerMove={(e) => {
          setPointerY(e.clientY);
          const found = elementAt(e.clientX, e.clientY);
          if (found && found !== current) setCurrent(found);
        }}
        onClick={(e) => {
          e.preventDefault();
          if (!e.isTrusted) return;
          const found = elementAt(e.clientX, e.clientY) ?? current;
          props.onPick(found);
        }}
      />
      <Outline box={box} label={label} />
      <div class={barClass} role="group" aria-labelledby="snag-picker-help">
        <p id="snag-picker-help">{t('pinInstructions')}</p>
        <button
          ref={button}
          type="button"
          class="primary"
          onKeyDown={onKeyDown}
          onClick={(e) => e.isTrusted && props.onPick(current)}
        >
          {t('pinThis', label)}
        </button>
        <button type="button" onClick={(e) => e.isTrusted && props.onCancel()}>
          {t('pinCancel')}
        </button>
      </div>
    </>
  );
}

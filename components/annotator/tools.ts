/**
 * The layer's tools (`PickerTools`): the element picker, "Snag this", the describer that turns
 * what was picked into selectors, and anchoring's full search. The unit tests' layer has them built
 * in (`./page-layer.ts`); the in-page script gets them from the picker's script
 * (`entrypoints/annotator-picker/`).
 */
import type { Selector } from '@/protocol/selectors';
import { anchorAll, describeElement, describeRange } from '@/utils/anchoring';
import type { PickerTools, ToolContext } from './picker-tools';
import { createPinPicker } from './pin-picker';
import { createSelectionButton } from './selection-button';

const bodyOf = (doc: Document) => doc.body ?? doc.documentElement;

/**
 * Tells the layer what was picked, as selectors. Describing can fail on an odd page; the
 * frame then leaves pick mode and says so.
 */
function annotate(
  ctx: ToolContext,
  kind: 'element' | 'text',
  describe: (root: Element) => Selector[],
): void {
  try {
    ctx.emit({ type: 'annotate', kind, selectors: describe(bodyOf(ctx.doc)) });
  } catch {
    ctx.emit({ type: 'mode', mode: 'idle' });
  }
}

/** The element picker, put in the root and focused; a click caught before it showed pins. */
function showPicker(ctx: ToolContext) {
  const { doc, host, root, caught } = ctx;
  const picker = createPinPicker({
    doc,
    host,
    pointer: caught.pointer,
    onPick: (element) =>
      annotate(ctx, 'element', (body) => describeElement(element, body)),
    onCancel: () => ctx.emit({ type: 'mode', mode: 'idle' }),
  });
  root.append(...picker.nodes);
  picker.button.focus();
  if (caught.clicked) picker.pick();
  return {
    draw: picker.draw,
    destroy: () => picker.nodes.forEach((n) => n.remove()),
  };
}

/** "Snag this", shown while text on the page is selected. */
function showSnagThis(ctx: ToolContext) {
  const { doc, host, root } = ctx;
  return createSelectionButton({
    doc,
    host,
    parent: root,
    onSnag: (range) =>
      annotate(ctx, 'text', (body) => describeRange(range, body)),
  });
}

/** The layer's tools. */
export const pickerTools: PickerTools = {
  showPicker,
  showSnagThis,
  anchorAll,
  selectionAnnotation: (doc, range) => ({
    type: 'annotate',
    kind: 'text',
    selectors: describeRange(range, bodyOf(doc)),
  }),
};

// @vitest-environment jsdom
// Mapping DOM boundary points to text offsets, and elements to XPaths, must give the answer
// the DOM's own ordering gives, whichever shortcut found it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildTextModel,
  offsetOfPoint,
  offsetsOfElement,
  type TextModel,
} from '@/utils/anchoring/text-model';
import {
  elementFromXPath,
  SameTagPositions,
  xpathFromElement,
} from '@/utils/anchoring/xpath';
import { councilPage, sharedPage } from './fixture-pages';

/** Every node of the document that can hold a boundary point (all but the doctype). */
function allNodes(doc: Document): Node[] {
  const out: Node[] = [];
  const visit = (node: Node) => {
    if (node.nodeType !== 10) out.push(node);
    for (let child = node.firstChild; child; child = child.nextSibling)
      visit(child);
  };
  visit(doc);
  return out;
}

function lengthOf(node: Node): number {
  const type = node.nodeType;
  if (type === 3 || type === 4 || type === 7 || type === 8)
    return (node as CharacterData).data.length;
  return node.childNodes.length;
}

/**
 * The offset by the definition, using the DOM's boundary-point comparison: the start of the
 * first modelled text node whose start is at or after the point.
 */
function expectedOffset(
  model: TextModel,
  container: Node,
  offset: number,
): number {
  if (container.nodeType === 3) {
    const index = model.indexOf.get(container as Text);
    if (index !== undefined) return model.starts[index]! + offset;
  }
  const doc = container.ownerDocument ?? (container as Document);
  const point = doc.createRange();
  point.setStart(container, offset);
  // Model nodes are in document order, so those at or after the point come last.
  let lo = 0;
  let hi = model.nodes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (point.comparePoint(model.nodes[mid]!, 0) >= 0) hi = mid;
    else lo = mid + 1;
  }
  return lo < model.nodes.length ? model.starts[lo]! : model.text.length;
}

const pages: [string, () => Document][] = [
  [
    'wikipedia-regression-testing.html',
    () => sharedPage('wikipedia-regression-testing.html'),
  ],
  ['council-form.html', () => councilPage('council-form.html')],
];

describe.each(pages)('points and paths on %s', (_name, load) => {
  it('maps every kind of boundary point as the DOM orders it', () => {
    const doc = load();
    const nodes = allNodes(doc);
    const roots = [doc.body, doc.querySelector('main') ?? doc.body];
    for (const root of roots) {
      const model = buildTextModel(root);
      fc.assert(
        fc.property(
          fc.nat({ max: nodes.length - 1 }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          (which, where) => {
            const container = nodes[which]!;
            const offset = Math.round(where * lengthOf(container));
            expect(offsetOfPoint(model, container, offset)).toBe(
              expectedOffset(model, container, offset),
            );
          },
        ),
        { numRuns: 400 },
      );
    }
  });

  it('finds the text of every element where the DOM orders it', () => {
    const doc = load();
    const root = doc.body;
    const model = buildTextModel(root);
    const elements = Array.from(doc.querySelectorAll('*'));
    fc.assert(
      fc.property(fc.nat({ max: elements.length - 1 }), (which) => {
        const element = elements[which]!;
        const start = expectedOffset(model, element, 0);
        const end = expectedOffset(model, element, element.childNodes.length);
        expect(offsetsOfElement(model, element)).toEqual({
          start,
          end: Math.max(start, end),
        });
      }),
      { numRuns: 300 },
    );
  });

  it('writes the same XPaths with remembered sibling positions', () => {
    const doc = load();
    const root = doc.body;
    const positions = new SameTagPositions();
    // Backwards, so that later siblings are asked for before their parents are counted.
    const elements = Array.from(root.querySelectorAll('*')).reverse();
    for (const element of elements) {
      const path = xpathFromElement(element, root, positions);
      expect(path).toBe(xpathFromElement(element, root));
      expect(elementFromXPath(path!, root)).toBe(element);
    }
    expect(xpathFromElement(doc.head, root, positions)).toBeNull();
  });
});

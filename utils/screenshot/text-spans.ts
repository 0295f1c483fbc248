/**
 * Personal identifiers that a page shows as text: an NHS number in a case record, an email
 * address in a table. A frame reports the text of its text nodes; here that text is read the
 * way the page shows it, checked with `findPersonalData`, and every finding is mapped back to
 * the nodes and offsets it came from, so the frame can measure its boxes with a `Range`.
 */
import {
  findPersonalData,
  type Finding,
  type FindingKind,
} from '@/utils/privacy/personal-data';

/** A finding as a stretch of text nodes: from a node and offset to a node and offset (exclusive). */
export interface TextSpan {
  kind: FindingKind;
  startNode: number;
  startOffset: number;
  endNode: number;
  endOffset: number;
}

// Between nodes when they are read apart. It is neither a word character nor white space, so
// every pattern's boundaries hold on both sides of it and no pattern runs across it.
const APART = 0;
const SPACE = 32;

/** Whether a UTF-16 code unit is white space as a regular expression's `\s` has it. */
function isSpace(c: number): boolean {
  return (
    c === SPACE ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** Text read from nodes, with the node and offset that each character came from. */
interface Reading {
  text: string;
  node: Int32Array;
  offset: Int32Array;
}

/**
 * Reads the nodes' text as one string, with each run of white space as one space (the page
 * shows `943\n   476` as "943 476"). `apart` puts a separator between nodes; without it the
 * nodes run on, as inline elements do (`<b>943</b> 476 5919`). Works on code units in typed
 * arrays: a large page has hundreds of thousands of characters, read twice.
 */
function read(texts: readonly string[], apart: boolean): Reading {
  const total = texts.reduce((n, t) => n + t.length, 0) + texts.length;
  const units = new Uint16Array(total);
  const node = new Int32Array(total);
  const offset = new Int32Array(total);
  let length = 0;
  let inSpace = true;
  for (let n = 0; n < texts.length; n++) {
    const text = texts[n]!;
    if (apart && n > 0) {
      units[length] = APART;
      node[length] = -1;
      length++;
      inSpace = true;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      const space = isSpace(c);
      if (space && inSpace) continue;
      units[length] = space ? SPACE : c;
      node[length] = n;
      offset[length] = i;
      length++;
      inSpace = space;
    }
  }
  // In slices: spreading a whole page into fromCharCode overflows the call stack.
  const parts: string[] = [];
  for (let i = 0; i < length; i += 0x2000) {
    parts.push(
      String.fromCharCode(...units.subarray(i, Math.min(length, i + 0x2000))),
    );
  }
  return { text: parts.join(''), node, offset };
}

/** A finding in a reading as a span of nodes, or null if it does not start and end in one. */
function toSpan(finding: Finding, reading: Reading): TextSpan | null {
  const last = finding.end - 1;
  if (last < finding.start) return null;
  const startNode = reading.node[finding.start];
  const endNode = reading.node[last];
  if (startNode === undefined || endNode === undefined) return null;
  if (startNode < 0 || endNode < 0) return null;
  return {
    kind: finding.kind,
    startNode,
    startOffset: reading.offset[finding.start]!,
    endNode,
    endOffset: reading.offset[last]! + 1,
  };
}

/**
 * The personal identifiers in a list of text nodes (one tree, in tree order), as spans of
 * those nodes. The text is read twice: with every node apart, so that a number in one table
 * cell is not run into the next cell's and lost; and with the nodes run together, so that
 * one split over inline elements is found. Both readings' findings are kept: a mask too many
 * hides a little of the page, a mask too few shows a resident's details.
 */
export function findTextSpans(
  texts: readonly string[],
  find: (text: string) => Finding[] = findPersonalData,
): TextSpan[] {
  const spans = new Map<string, TextSpan>();
  for (const apart of [true, false]) {
    const reading = read(texts, apart);
    for (const finding of find(reading.text)) {
      const span = toSpan(finding, reading);
      if (!span) continue;
      const key = `${span.startNode}:${span.startOffset}:${span.endNode}:${span.endOffset}`;
      if (!spans.has(key)) spans.set(key, span);
    }
  }
  return [...spans.values()];
}

/**
 * Where every measured document of a tab sits in the top view. A same-origin document was
 * measured by its parent, inside the element that holds it, so its place is known. A
 * cross-origin frame measured itself, and its parent measured only the element; the two are
 * joined when exactly one element can hold the frame and that element can hold only that
 * frame (same address, same size, not transformed, same pixel ratio). Anything that cannot be
 * joined so surely is not guessed at: the element is painted over whole.
 */
import type { DocMeasure, EmbedMeasure, FrameMeasure } from './frame-measure';
import {
  childPlacement,
  contentBox,
  isTransformed,
  sameSize,
  topPlacement,
  wholeEmbed,
  type Box,
  type Placement,
} from './geometry';

/** A frame that measured itself (not nested in a readable parent). */
export type MeasuredFrame = Extract<FrameMeasure, { nested: false }>;

/** A document and where it sits in the top view. */
export interface PlacedDoc {
  /** The measuring frame's token. */
  token: string;
  doc: DocMeasure;
  placement: Placement;
}

/** How a tab's documents lie in the top view. */
export interface FrameLayout {
  /** Documents whose boxes can be placed in the top view (shown or not). */
  placed: PlacedDoc[];
  /** Embedded frames painted over whole, in top-view CSS pixels, cut to what shows. */
  covered: Box[];
  /** Frames that measured themselves but whose place is unknown and not known to be covered. */
  lost: MeasuredFrame[];
}

/** A frame embedded in a document whose parent could not read it. */
interface Opaque {
  frame: MeasuredFrame;
  embed: EmbedMeasure;
}

/** Addresses compared without their fragment, which a page changes without navigating. */
function withoutFragment(url: string): string {
  const hash = url.indexOf('#');
  return hash < 0 ? url : url.slice(0, hash);
}

/** The same-origin documents under `doc` (itself first), each once. */
function* documentsIn(doc: DocMeasure): Generator<DocMeasure> {
  yield doc;
  for (const embed of doc.embeds) if (embed.doc) yield* documentsIn(embed.doc);
}

/** Whether `embed` can be the element that holds `frame`, as far as both measured it. */
export function canHold(
  embed: EmbedMeasure,
  frame: MeasuredFrame,
  devicePixelRatio: number,
): boolean {
  return (
    withoutFragment(embed.src) === withoutFragment(frame.href) &&
    !isTransformed(embed) &&
    sameSize(contentBox(embed), frame.doc.viewport) &&
    Math.abs(frame.devicePixelRatio - devicePixelRatio) < 0.01
  );
}

/** Every element holding a document its parent could not read, in any frame. */
function opaqueEmbeds(frames: readonly MeasuredFrame[]): Opaque[] {
  const opaque: Opaque[] = [];
  for (const frame of frames) {
    for (const doc of documentsIn(frame.doc)) {
      for (const embed of doc.embeds)
        if (!embed.doc) opaque.push({ frame, embed });
    }
  }
  return opaque;
}

/** Which opaque element may hold which frame, and the pairs that are sure. */
interface Joins {
  holders: Map<MeasuredFrame, Opaque[]>;
  joined: Map<EmbedMeasure, MeasuredFrame>;
  joinedTo: Map<MeasuredFrame, Opaque>;
}

/**
 * Joins frames to the elements that hold them: a pair is joined only when each is the other's
 * one candidate. Two same-sized frames of one address are told apart by nothing reliable.
 */
function joinFrames(
  opaque: readonly Opaque[],
  others: readonly MeasuredFrame[],
  devicePixelRatio: number,
): Joins {
  const holders = new Map<MeasuredFrame, Opaque[]>(others.map((f) => [f, []]));
  const held = new Map<Opaque, MeasuredFrame[]>(opaque.map((o) => [o, []]));
  for (const o of opaque) {
    for (const frame of others) {
      if (canHold(o.embed, frame, devicePixelRatio)) {
        holders.get(frame)!.push(o);
        held.get(o)!.push(frame);
      }
    }
  }
  const joined = new Map<EmbedMeasure, MeasuredFrame>();
  const joinedTo = new Map<MeasuredFrame, Opaque>();
  for (const [o, candidates] of held) {
    const frame = candidates[0];
    if (candidates.length === 1 && frame && holders.get(frame)?.length === 1) {
      joined.set(o.embed, frame);
      joinedTo.set(frame, o);
    }
  }
  return { holders, joined, joinedTo };
}

/**
 * Places every document that can be placed, from the top one down through the joined frames,
 * and collects the boxes to paint over whole. Returns the frames it reached.
 */
function placeDocuments(
  top: MeasuredFrame,
  joined: Map<EmbedMeasure, MeasuredFrame>,
): { placed: PlacedDoc[]; covered: Box[]; reached: Set<MeasuredFrame> } {
  const placed: PlacedDoc[] = [];
  const covered: Box[] = [];
  // Frames whose place is known: placed, or inside something not shown or painted over.
  const reached = new Set<MeasuredFrame>([top]);

  /** Walks a document placed at `placement` (null: it does not show, or is painted over). */
  const visit = (
    frame: MeasuredFrame,
    doc: DocMeasure,
    placement: Placement | null,
  ) => {
    if (placement) placed.push({ token: frame.token, doc, placement });
    for (const embed of doc.embeds) {
      const shown = placement && embed.rendered ? placement : null;
      const inside = shown ? childPlacement(shown, embed) : null;
      if (embed.doc) {
        // A same-origin document drawn at another scale than its element's box (a transform or
        // CSS zoom) cannot take offsets: paint its element over whole.
        const skewed =
          isTransformed(embed) ||
          !sameSize(contentBox(embed), embed.doc.viewport);
        if (shown && skewed) {
          const whole = wholeEmbed(embed, shown);
          if (whole) covered.push(whole);
          visit(frame, embed.doc, null);
        } else visit(frame, embed.doc, inside);
        continue;
      }
      const child = joined.get(embed);
      if (child) {
        reached.add(child);
        visit(child, child.doc, inside);
      } else if (shown) {
        const whole = wholeEmbed(embed, shown);
        if (whole) covered.push(whole);
      }
    }
  };
  visit(top, top.doc, topPlacement(top.doc.viewport));
  return { placed, covered, reached };
}

/**
 * The frames known to be safe. A frame not reached is still safe when an element that is
 * painted over or not shown (one not joined to another frame) can hold it: one of its
 * candidates, or, when it has none (its address changed since the element was written), any
 * such element of its address or its size. Inside frames known to be safe, the same holds
 * again, until nothing changes.
 */
function safeFrames(
  others: readonly MeasuredFrame[],
  reached: Set<MeasuredFrame>,
  opaque: readonly Opaque[],
  { holders, joined, joinedTo }: Joins,
): Set<MeasuredFrame> {
  const safe = new Set<MeasuredFrame>(reached);
  const unjoined = opaque.filter((o) => !joined.has(o.embed));
  for (let changed = true; changed;) {
    changed = false;
    for (const frame of others) {
      if (safe.has(frame)) continue;
      const via = joinedTo.get(frame);
      const candidates = holders.get(frame) ?? [];
      const pool = via
        ? [via]
        : candidates.length > 0
          ? candidates
          : unjoined.filter(
              (o) =>
                withoutFragment(o.embed.src) === withoutFragment(frame.href) ||
                sameSize(contentBox(o.embed), frame.doc.viewport),
            );
      if (pool.some((o) => safe.has(o.frame))) {
        safe.add(frame);
        changed = true;
      }
    }
  }
  return safe;
}

/**
 * Lays out `frames` (every frame that measured itself, the top one among them) in the top
 * view. Frames that cannot be placed are reported in `lost` unless some element painted over
 * whole (or not shown at all) can be seen to hold them.
 */
export function layoutFrames(frames: readonly MeasuredFrame[]): FrameLayout {
  const top = frames.find((f) => f.top);
  if (!top) return { placed: [], covered: [], lost: [...frames] };
  const others = frames.filter((f) => f !== top);
  const opaque = opaqueEmbeds(frames);
  const joins = joinFrames(opaque, others, top.devicePixelRatio);
  const { placed, covered, reached } = placeDocuments(top, joins.joined);
  const safe = safeFrames(others, reached, opaque, joins);
  return { placed, covered, lost: others.filter((f) => !safe.has(f)) };
}

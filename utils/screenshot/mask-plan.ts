/**
 * The masks for one capture, from what the frames measured before and after it: every private
 * box and found identifier placed in the top view, every frame that could not be measured or
 * placed painted over whole, all of it in image pixels. Or, when masks cannot be placed
 * exactly, the reason, so that nothing is kept.
 */
import type { FindingKind } from '@/utils/privacy/personal-data';
import type {
  DocMeasure,
  FoundTextMeasure,
  FrameMeasure,
  TextSpanRef,
} from './frame-measure';
import { layoutFrames, type MeasuredFrame } from './frame-layout';
import {
  fitBoxes,
  hasArea,
  imageScale,
  placeBox,
  toImagePixels,
  type Box,
  type ImageSize,
} from './geometry';
import { findTextSpans } from './text-spans';

/** At most this many automatic masks, leaving room within a report's 500 for the reporter's. */
export const MAX_AUTO_MASKS = 400;

/** The found text of one frame: the spans the second pass measures, and what each one is. */
export interface FrameText {
  refs: TextSpanRef[];
  kinds: FindingKind[];
}

/** Runs `findPersonalData` over every tree of every document a frame measured. */
export function findFrameText(frame: MeasuredFrame): FrameText {
  const refs: TextSpanRef[] = [];
  const kinds: FindingKind[] = [];
  const visit = (doc: DocMeasure) => {
    doc.texts.forEach((texts, tree) => {
      for (const s of findTextSpans(texts)) {
        refs.push([
          doc.index,
          tree,
          s.startNode,
          s.startOffset,
          s.endNode,
          s.endOffset,
        ]);
        kinds.push(s.kind);
      }
    });
    for (const embed of doc.embeds) if (embed.doc) visit(embed.doc);
  };
  visit(frame.doc);
  return { refs, kinds };
}

/** One frame's two passes. */
export interface FrameReading {
  first: FrameMeasure;
  /** Its found text, from `findFrameText` (absent for nested frames). */
  text?: FrameText;
  /** Its second pass; null when it gave none (it navigated, or was removed). */
  second: FoundTextMeasure;
}

/** Why no masks could be placed. */
export type PlanFailure =
  /** The top frame could not be measured: Snag may not run on this page. */
  | { reason: 'not-measured' }
  /** An extra selector from the settings does not parse, so what it names cannot be found. */
  | { reason: 'invalid-selector'; selectors: string[] }
  /** The capture is not the view at its pixel ratio (emulation, pinch zoom, a resize). */
  | { reason: 'size' }
  /** The top frame scrolled, resized or navigated between measuring and capturing. */
  | { reason: 'moved' }
  /** A frame with content to hide can be neither placed nor shown to be covered. */
  | { reason: 'lost-frame' };

/** Masks in image pixels, and what the reporter is told about them. */
export type MaskPlan =
  | {
      ok: true;
      /** Image pixels per CSS pixel. */
      scale: number;
      masks: Box[];
      /** How many embedded frames were painted over whole. */
      coveredFrames: number;
      /** The kinds of identifier found as text and masked, each once. */
      found: FindingKind[];
    }
  | ({ ok: false } & PlanFailure);

/** Whether a frame holds anything that would need a mask if it showed. */
function hasContent(
  frame: MeasuredFrame,
  text: FrameText | undefined,
): boolean {
  if (!hasArea({ x: 0, y: 0, ...frame.doc.viewport })) return false;
  if ((text?.refs.length ?? 0) > 0) return true;
  const docs = [frame.doc];
  for (let doc = docs.pop(); doc; doc = docs.pop()) {
    if (doc.boxes.length > 0) return true;
    for (const embed of doc.embeds) {
      if (embed.rendered) return true;
      if (embed.doc) docs.push(embed.doc);
    }
  }
  return false;
}

/**
 * Plans the masks for an image of `image` size from every frame's readings. A frame that
 * failed to measure is left out, so its element is painted over whole like any frame Snag may
 * not enter. A frame other than the top one that moved or lost its found text between the
 * passes is painted over whole; if the top one did, nothing can be trusted.
 */
export function planMasks(
  readings: readonly FrameReading[],
  image: ImageSize,
  maxMasks = MAX_AUTO_MASKS,
): MaskPlan {
  const measured = readings.flatMap((r) =>
    r.first.nested || r.first.failed !== undefined
      ? []
      : [{ ...r, first: r.first }],
  );
  const top = measured.find((r) => r.first.top);
  if (!top) return { ok: false, reason: 'not-measured' };

  const invalid = [
    ...new Set(measured.flatMap((r) => r.first.invalidSelectors)),
  ];
  if (invalid.length > 0)
    return { ok: false, reason: 'invalid-selector', selectors: invalid };

  const scale = imageScale(
    {
      ...top.first.doc.viewport,
      devicePixelRatio: top.first.devicePixelRatio,
      visualScale: top.first.visualScale,
    },
    image,
  );
  if (scale === null) return { ok: false, reason: 'size' };

  const settled = (r: (typeof measured)[number]) =>
    r.second !== null &&
    r.second.token === r.first.token &&
    r.second.stamp === r.first.stamp &&
    r.second.rects.every((rects) => rects !== null);
  if (!settled(top)) return { ok: false, reason: 'moved' };

  const layout = layoutFrames(measured.map((r) => r.first));
  const byToken = new Map(measured.map((r) => [r.first.token, r]));
  if (layout.lost.some((f) => hasContent(f, byToken.get(f.token)?.text)))
    return { ok: false, reason: 'lost-frame' };

  const boxes: Box[] = [...layout.covered];
  let coveredFrames = layout.covered.length;
  const found = new Set<FindingKind>();
  for (const { token, doc, placement } of layout.placed) {
    const reading = byToken.get(token);
    if (!reading) continue;
    if (!settled(reading)) {
      // Its own document shows through its viewport: paint that over, once.
      if (doc.index === 0 && placement.clip) {
        boxes.push(placement.clip);
        coveredFrames++;
      }
      continue;
    }
    for (const box of doc.boxes) {
      const placedBox = placeBox(box, placement);
      if (placedBox) boxes.push(placedBox);
    }
    const text = reading.text;
    text?.refs.forEach(([d], i) => {
      if (d !== doc.index) return;
      for (const box of reading.second?.rects[i] ?? []) {
        const placedBox = placeBox(box, placement);
        if (!placedBox) continue;
        boxes.push(placedBox);
        found.add(text.kinds[i]!);
      }
    });
  }

  const masks = fitBoxes(
    boxes.flatMap((b) => toImagePixels(b, scale, image) ?? []),
    maxMasks,
  );
  return { ok: true, scale, masks, coveredFrames, found: [...found] };
}

/**
 * Tells the server, through the worker, how saved reports' notes were found on this page, so
 * the dashboard can say whether a note's text changed or went. The layer reports every
 * re-anchoring pass; this waits until the marks have settled, sends a report only when how
 * one of its notes was found changed since the last pass, and at most once per report in a
 * visit to the page. It is advice, never a report: whatever happens to it is not the user's
 * concern.
 */
import type { AnchorQuality } from '@/protocol/anchoring';
import type { MarkFound } from '@/utils/frame-link';

/** How long the marks must stay as they are before they count as settled. */
export const SETTLE_MS = 3000;

/** The timer this uses; tests pass their own. */
export interface SettleTimer {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimer: SettleTimer = {
  set: (run, ms) => setTimeout(run, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** A report's notes, by annotation id, as last found. */
type Observation = Record<string, AnchorQuality>;

/**
 * Saved reports' marks grouped by report: a mark's key is `reportId:annotationId` (the
 * draft's are `draft:…` and are not anyone's report yet). `sendable` says which reports the
 * server has.
 */
export function observationsOf(
  found: Record<string, MarkFound>,
  sendable: (reportId: string) => boolean,
): Map<string, Observation> {
  const byReport = new Map<string, Observation>();
  for (const [key, quality] of Object.entries(found)) {
    const split = key.indexOf(':');
    if (split <= 0) continue;
    const reportId = key.slice(0, split);
    const annotationId = key.slice(split + 1);
    if (reportId === 'draft' || !annotationId || !sendable(reportId)) continue;
    const notes = byReport.get(reportId) ?? {};
    notes[annotationId] = quality ?? 'missing';
    byReport.set(reportId, notes);
  }
  return byReport;
}

const same = (a: Observation | undefined, b: Observation) =>
  a !== undefined &&
  Object.keys(a).length === Object.keys(b).length &&
  Object.entries(b).every(([id, q]) => a[id] === q);

/** Collects the layer's `placed` passes and sends each report's settled observation once. */
export class AnchoringReporter {
  private latest = new Map<string, Observation>();
  private readonly sent = new Set<string>();
  private handle: unknown = null;

  constructor(
    private readonly send: (reportId: string, notes: Observation) => void,
    private readonly timer: SettleTimer = realTimer,
    private readonly settleMs = SETTLE_MS,
  ) {}

  /** One pass of the layer; `sendable` says which reports the server has. */
  placed(
    found: Record<string, MarkFound>,
    sendable: (reportId: string) => boolean,
  ): void {
    const next = observationsOf(found, sendable);
    const changed = [...next].some(
      ([id, notes]) => !this.sent.has(id) && !same(this.latest.get(id), notes),
    );
    this.latest = next;
    if (!changed) return;
    if (this.handle !== null) this.timer.clear(this.handle);
    this.handle = this.timer.set(() => this.flush(), this.settleMs);
  }

  /** A new visit to the page (an address change without a load): every report may send again. */
  newVisit(): void {
    this.stop();
    this.sent.clear();
    this.latest = new Map();
  }

  /** Stops waiting; nothing more is sent. */
  stop(): void {
    if (this.handle !== null) this.timer.clear(this.handle);
    this.handle = null;
  }

  private flush(): void {
    this.handle = null;
    for (const [id, notes] of this.latest) {
      if (this.sent.has(id) || Object.keys(notes).length === 0) continue;
      this.sent.add(id);
      this.send(id, notes);
    }
  }
}

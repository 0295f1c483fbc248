import { describe, expect, it } from 'vitest';
import {
  AnchoringReporter,
  observationsOf,
  type SettleTimer,
} from '@/components/annotator/anchoring-report';
import type { MarkFound } from '@/utils/frame-link';

const A = '0190a0a0-0000-7000-8000-00000000000a';
const B = '0190a0a0-0000-7000-8000-00000000000b';
const N1 = '11111111-1111-4111-8111-111111111111';
const N2 = '22222222-2222-4222-8222-222222222222';

/** A timer the test runs by hand: `elapse` moves its clock on. */
function manualTimer() {
  let now = 0;
  let next = 1;
  const due = new Map<number, { at: number; run: () => void }>();
  const timer: SettleTimer = {
    set: (run, ms) => {
      const handle = next++;
      due.set(handle, { at: now + ms, run });
      return handle;
    },
    clear: (handle) => void due.delete(handle as number),
  };
  const elapse = (ms: number) => {
    now += ms;
    for (const [handle, entry] of [...due])
      if (entry.at <= now) {
        due.delete(handle);
        entry.run();
      }
  };
  return { timer, elapse, pending: () => due.size };
}

function reporter() {
  const sent: [string, Record<string, string>][] = [];
  const clock = manualTimer();
  const r = new AnchoringReporter(
    (id, notes) => sent.push([id, notes]),
    clock.timer,
    1000,
  );
  return { r, sent, clock };
}

const all = () => true;

describe('observationsOf', () => {
  it('groups saved marks by report, an orphan as missing, leaving the draft out', () => {
    const found: Record<string, MarkFound> = {
      [`${A}:${N1}`]: 'exact',
      [`${A}:${N2}`]: null,
      [`${B}:${N1}`]: 'contextual',
      [`draft:${N1}`]: 'fuzzy',
      nonsense: 'exact',
    };
    expect(observationsOf(found, (id) => id === A)).toEqual(
      new Map([[A, { [N1]: 'exact', [N2]: 'missing' }]]),
    );
    expect(observationsOf(found, all).get(B)).toEqual({ [N1]: 'contextual' });
  });
});

describe('AnchoringReporter', () => {
  it('sends each report once, after its marks have settled', () => {
    const { r, sent, clock } = reporter();
    r.placed({ [`${A}:${N1}`]: 'fuzzy', [`${B}:${N1}`]: null }, all);
    clock.elapse(900);
    expect(sent).toEqual([]);
    clock.elapse(100);
    expect(sent).toEqual([
      [A, { [N1]: 'fuzzy' }],
      [B, { [N1]: 'missing' }],
    ]);
    // Later passes, changed or not, send nothing more in this visit.
    r.placed({ [`${A}:${N1}`]: 'exact', [`${B}:${N1}`]: null }, all);
    clock.elapse(5000);
    expect(sent).toHaveLength(2);
    expect(clock.pending()).toBe(0);
  });

  it('waits again while how a note is found keeps changing, and not for a pass that changes nothing', () => {
    const { r, sent, clock } = reporter();
    r.placed({ [`${A}:${N1}`]: null }, all);
    clock.elapse(600);
    r.placed({ [`${A}:${N1}`]: 'fuzzy' }, all);
    clock.elapse(600);
    expect(sent).toEqual([]);
    // The same again: the wait that began with the change runs on.
    r.placed({ [`${A}:${N1}`]: 'fuzzy' }, all);
    clock.elapse(400);
    expect(sent).toEqual([[A, { [N1]: 'fuzzy' }]]);
  });

  it('sends nothing for a report the server does not have, nor for the draft', () => {
    const { r, sent, clock } = reporter();
    r.placed(
      { [`${A}:${N1}`]: 'exact', [`draft:${N2}`]: 'exact' },
      () => false,
    );
    clock.elapse(5000);
    expect(sent).toEqual([]);
    expect(clock.pending()).toBe(0);
  });

  it('sends again on a new visit, and nothing once stopped', () => {
    const { r, sent, clock } = reporter();
    r.placed({ [`${A}:${N1}`]: 'exact' }, all);
    clock.elapse(1000);
    r.newVisit();
    r.placed({ [`${A}:${N1}`]: 'contextual' }, all);
    clock.elapse(1000);
    expect(sent).toEqual([
      [A, { [N1]: 'exact' }],
      [A, { [N1]: 'contextual' }],
    ]);
    r.newVisit();
    r.placed({ [`${A}:${N1}`]: 'exact' }, all);
    r.stop();
    clock.elapse(5000);
    expect(sent).toHaveLength(2);
  });
});

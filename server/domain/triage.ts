/**
 * What a triage patch means: which fields it changes, that naming an original makes a report a
 * duplicate, when it is stale, and what the history records. Pure, so the store only reads the
 * state these rules need and writes what they decide.
 */
import type { HistoryEntry, TriagePatch } from '../../protocol/api';
import { TRIAGE_FIELDS, type Person, type Triage } from '../../protocol/report';

/** A report's triage as it stands, with the version a patch must be based on. */
export interface TriageState {
  triage: Triage;
  version: number;
}

/** Each changed field with its old and new value, as a history entry records it. */
export type TriageDiff = HistoryEntry['changes'];

/** What a patch comes to. */
export type TriagePlan =
  /** Someone changed the report since the reviewer opened it. */
  | { kind: 'stale' }
  /** The patch names an impossible original. */
  | { kind: 'bad-duplicate'; message: string }
  /** The patch changes nothing: no new version, no history. */
  | { kind: 'unchanged' }
  /** The new triage and what changed, to store as one new version. */
  | { kind: 'change'; next: Triage; changes: TriageDiff };

/**
 * The triage after a patch: each field the patch names replaces the current one (`null`
 * clears it), and naming an original sets the status to `duplicate`.
 */
export function mergeTriage(before: Triage, patch: Partial<Triage>): Triage {
  const next: Triage = { ...before };
  for (const field of TRIAGE_FIELDS) {
    const value = patch[field];
    if (value !== undefined) Object.assign(next, { [field]: value });
  }
  if (patch.duplicateOf) next.status = 'duplicate';
  return next;
}

/** The fields that differ between two triages, each as `[before, after]`. */
export function triageDiff(before: Triage, after: Triage): TriageDiff {
  const changes: TriageDiff = {};
  for (const field of TRIAGE_FIELDS) {
    if (before[field] !== after[field])
      changes[field] = [before[field], after[field]];
  }
  return changes;
}

/** Why `duplicateOf` cannot name this original, or null if it can. */
export function duplicateProblem(
  reportId: string,
  duplicateOf: string | null | undefined,
  originalExists: boolean,
): string | null {
  if (!duplicateOf) return null;
  if (duplicateOf === reportId) return 'A report cannot duplicate itself';
  if (!originalExists) return 'duplicateOf names no known report';
  return null;
}

/**
 * Decides a triage patch against the report's current state.
 * @param originalExists - whether the report `patch.duplicateOf` names exists
 */
export function planTriage(
  reportId: string,
  current: TriageState,
  patch: TriagePatch,
  originalExists: boolean,
): TriagePlan {
  if (current.version !== patch.baseVersion) return { kind: 'stale' };
  const problem = duplicateProblem(reportId, patch.duplicateOf, originalExists);
  if (problem) return { kind: 'bad-duplicate', message: problem };
  const { baseVersion: _baseVersion, ...fields } = patch;
  const next = mergeTriage(current.triage, fields);
  const changes = triageDiff(current.triage, next);
  if (Object.keys(changes).length === 0) return { kind: 'unchanged' };
  return { kind: 'change', next, changes };
}

/**
 * Whom a reviewer is told changed the report under them: whoever made the last triage change,
 * or, before any, the report's author.
 */
export function changedBy(
  lastTriageAuthor: Person | null | undefined,
  report: { author: Person },
): Person {
  return lastTriageAuthor ?? report.author;
}

/**
 * What a `PUT /reports/:id` means: a retry of the same body changes nothing, only the author
 * may change a report, and a new report starts untriaged with the catalogue's service name.
 */
import type {
  PersonalDataState,
  Person,
  ReportInput,
  StoredReport,
} from '../../protocol/report';
import { canonicalJson, sha256 } from '../canonical-json';

/** What the store knows of a report before a PUT: who wrote it, and the hash of its body. */
export interface StoredBody {
  authorId: string;
  bodyHash: string;
}

/** What a PUT comes to. */
export type PutPlan = 'create' | 'update' | 'unchanged' | 'forbidden';

/**
 * The body's identity for idempotency: canonical JSON, so key order does not make a retry
 * look like an edit.
 */
export function reportHash(input: ReportInput): string {
  return sha256(canonicalJson(input));
}

/**
 * Decides a PUT against the stored report (or its absence). Anyone may file a new report;
 * only its author may change it, and sending the same body again changes nothing.
 */
export function planPut(
  existing: StoredBody | null | undefined,
  authorId: string,
  hash: string,
): PutPlan {
  if (!existing) return 'create';
  if (existing.authorId !== authorId) return 'forbidden';
  return existing.bodyHash === hash ? 'unchanged' : 'update';
}

/** The reporter's input as stored: the page named by the catalogue's service. */
export function withService(input: ReportInput, service: string): ReportInput {
  return { ...input, page: { ...input.page, service } };
}

/** What the server adds to a report when it first receives it. */
export interface Receipt {
  serverSeq: number;
  receivedAt: string;
  author: Person;
  /** What the personal-data check made of the body, if it found anything. */
  personalData?: PersonalDataState | null;
}

/**
 * A report as it stands the moment it is first stored: new, untriaged, at version 0, with no
 * votes and no discussion.
 */
export function newReport(body: ReportInput, receipt: Receipt): StoredReport {
  return {
    ...body,
    serverSeq: receipt.serverSeq,
    receivedAt: receipt.receivedAt,
    author: receipt.author,
    status: 'new',
    usabilitySeverity: null,
    securityRisk: null,
    assignee: null,
    duplicateOf: null,
    version: 0,
    votes: 0,
    votedByMe: false,
    comments: [],
    ...(receipt.personalData ? { personalData: receipt.personalData } : {}),
  };
}

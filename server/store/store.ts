/**
 * The storage port: everything the HTTP layer and the CLI may ask of a store, whichever
 * database sits behind it.
 */
import type { Role } from '../../protocol/api';
import type {
  Person,
  ReportInput,
  Status,
  StoredReport,
  Triage,
} from '../../protocol/report';
import type { ReportEvent } from './driver';

/** The teams a team lead can belong to. */
export type Team = 'it' | 'digital';

/** A user as the store keeps them; the token itself is never stored. */
export interface UserRecord {
  id: string;
  name: string;
  role: Role;
  team: Team | null;
  createdAt: string;
  revokedAt: string | null;
}

/** A new user, with the SHA-256 of their token. */
export interface NewUser {
  id: string;
  name: string;
  role: Role;
  team: Team | null;
  tokenHash: string;
  createdAt: string;
}

/** A live dashboard session and whose it is. */
export interface SessionRecord {
  user: UserRecord;
  csrfToken: string;
  expiresAt: string;
}

/** How a report list is ordered. */
export type ReportSort = 'newest' | 'oldest' | 'severity' | 'risk' | 'votes';

/** The filters shared by `GET /reports` and the exports. */
export interface ReportFilter {
  status?: Status[];
  service?: string;
  problem?: 'hard-to-use' | 'insecure-workaround';
  category?: string;
  workaround?: string;
  dataInvolved?: string;
  /** A severity 1–4, or `null` for untriaged. */
  severity?: number | null;
  /** A risk 1–4, or `null` for untriaged. */
  risk?: number | null;
  assignee?: string;
  /** Inclusive lower bound on `receivedAt` (ISO date or time). */
  from?: string;
  /** Upper bound on `receivedAt`; a bare date includes that whole day. */
  to?: string;
  /** Free text, matched case-insensitively as a substring. */
  q?: string;
  /** Exact cleaned page URL. */
  url?: string;
  /** Only reports by this user. */
  authorId?: string;
  sort?: ReportSort;
}

/** One triage change in a report's history. */
export interface HistoryEntry {
  at: string;
  author: Person;
  changes: Record<string, [unknown, unknown]>;
}

/** A report with its triage history, as `GET /reports/:id` answers it. */
export type ReportDetail = StoredReport & { history: HistoryEntry[] };

/** What `putReport` did. */
export type PutOutcome =
  | { kind: 'created' | 'updated' | 'unchanged'; report: StoredReport }
  | { kind: 'forbidden' };

/** What `triage` did. */
export type TriageOutcome =
  | { kind: 'ok'; report: ReportDetail }
  | { kind: 'conflict'; current: StoredReport; changedBy: Person }
  | { kind: 'not-found' }
  | { kind: 'bad-duplicate'; message: string };

/** What `addComment` did. */
export type CommentOutcome =
  | { kind: 'created' | 'exists'; comment: StoredReport['comments'][number] }
  | { kind: 'not-found' }
  | { kind: 'conflict' };

/** One entry of the service catalogue. */
export interface ServiceEntry {
  hostname: string;
  pathPrefix: string;
  name: string;
}

/** A stored screenshot. */
export interface Screenshot {
  mediaType: string;
  bytes: Buffer;
}

/** Open reports counted by severity × risk; `null` is "not yet triaged". */
export interface MatrixCell {
  usabilitySeverity: number | null;
  securityRisk: number | null;
  count: number;
}

/** Raw rows for trend charts. */
export interface TrendRow {
  receivedAt: string;
  service: string;
  hardToUse: boolean;
  insecure: boolean;
  workarounds: string[];
}

/** The storage port. */
export interface Store {
  readonly kind: 'sqlite' | 'postgres';
  /** Runs pending migrations; answers the schema version. */
  migrate(): Promise<number>;
  /** The schema version found at the last `migrate`. */
  readonly migration: number;
  close(): Promise<void>;
  /** Subscribes to committed report changes. */
  onEvent(listener: (event: ReportEvent) => void): () => void;

  createUser(user: NewUser): Promise<void>;
  /** Creates `user` only if there are no users at all; answers whether it did. */
  createFirstAdmin(user: NewUser): Promise<boolean>;
  listUsers(): Promise<UserRecord[]>;
  /** The live (not revoked) user holding a token with this hash. */
  userByTokenHash(tokenHash: string): Promise<UserRecord | null>;
  /** Whether this token hash belongs to a user who has been revoked. */
  tokenHashRevoked(tokenHash: string): Promise<boolean>;
  /** Revokes a user and ends their sessions; answers false if no such live user. */
  revokeUser(id: string, at: string): Promise<boolean>;

  createSession(
    idHash: string,
    userId: string,
    csrfToken: string,
    at: string,
    expiresAt: string,
  ): Promise<void>;
  session(idHash: string, now: string): Promise<SessionRecord | null>;
  deleteSession(idHash: string): Promise<void>;

  putReport(
    input: ReportInput,
    author: UserRecord,
    at: string,
  ): Promise<PutOutcome>;
  getReport(id: string, viewerId?: string): Promise<ReportDetail | null>;
  /** The report's author, or null if there is no such report. */
  reportAuthor(id: string): Promise<string | null>;
  listReports(
    filter: ReportFilter,
    page: { offset: number; limit: number },
    viewerId?: string,
  ): Promise<{ reports: StoredReport[]; total: number }>;
  /** Every report matching `filter`, oldest first, read in batches. */
  iterateReports(filter: ReportFilter): AsyncGenerator<StoredReport>;
  /** Reports changed after `since`, in serverSeq order, already serialised as `/changes` sends them. */
  changesJson(
    since: number,
    limit: number,
    viewerId?: string,
  ): Promise<{
    items: { serverSeq: number; json: string }[];
    hasMore: boolean;
  }>;
  triage(
    id: string,
    patch: Partial<Triage> & { baseVersion: number },
    author: UserRecord,
    at: string,
  ): Promise<TriageOutcome>;
  addComment(
    reportId: string,
    input: { id: string; body: string },
    author: UserRecord,
    at: string,
  ): Promise<CommentOutcome>;
  /** Sets or clears the user's vote; null if there is no such report. */
  setVote(
    reportId: string,
    userId: string,
    on: boolean,
    at: string,
  ): Promise<{ votes: number; votedByMe: boolean } | null>;
  putScreenshot(reportId: string, shot: Screenshot, at: string): Promise<void>;
  getScreenshot(reportId: string): Promise<Screenshot | null>;

  getServices(): Promise<ServiceEntry[]>;
  putServices(entries: ServiceEntry[]): Promise<void>;
  /** Re-applies the catalogue to every report; answers how many changed. */
  reapplyServices(at: string): Promise<number>;

  matrix(): Promise<MatrixCell[]>;
  trendRows(since: string): Promise<TrendRow[]>;
}

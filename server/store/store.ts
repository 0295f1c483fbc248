/**
 * The storage port: everything the HTTP layer and the CLI may ask of a store, whichever
 * database sits behind it. The store reads and writes; what a change means is decided by the
 * rules in `server/domain/`.
 */
import type {
  ChangeEntry,
  CommentInput,
  MatrixCell,
  ReportDetail,
  ReportEvent,
  Role,
  ServiceEntry,
  TriagePatch,
  UserSummary,
  VoteAnswer,
} from '../../protocol/api';
import type {
  Comment,
  Person,
  ReportInput,
  StoredReport,
  Team,
} from '../../protocol/report';
import type { ReportFilter } from '../domain/report-filter';
import type { TrendRow } from '../domain/trends';

/** A user as the store keeps them, which is what the admin API lists; never the token. */
export type UserRecord = UserSummary;

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
  | { kind: 'created' | 'exists'; comment: Comment }
  | { kind: 'not-found' }
  | { kind: 'conflict' };

/** One page of the `/changes` feed. */
export interface ChangesSlice {
  /** The changed reports in serverSeq order, each with its cursor. */
  changes: ChangeEntry[];
  /** The serverSeq of the last change, or null if there is none after `since`. */
  last: number | null;
  hasMore: boolean;
}

/** A stored screenshot. */
export interface Screenshot {
  mediaType: string;
  bytes: Buffer;
}

/** Users, their tokens and dashboard sessions. */
export interface UserStore {
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
}

/** Reports: writing them, reading one, lists and the change feed. */
export interface ReportStore {
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
  /** Reports changed after `since`, in serverSeq order. */
  changes(
    since: number,
    limit: number,
    viewerId?: string,
  ): Promise<ChangesSlice>;
  /** The same changes with each report serialised as `/changes` sends it. */
  changesJson(
    since: number,
    limit: number,
    viewerId?: string,
  ): Promise<{
    items: { serverSeq: number; json: string }[];
    hasMore: boolean;
  }>;
}

/** What happens to a report after it is filed: triage, comments, votes, its screenshot. */
export interface DiscussionStore {
  triage(
    id: string,
    patch: TriagePatch,
    author: UserRecord,
    at: string,
  ): Promise<TriageOutcome>;
  addComment(
    reportId: string,
    input: CommentInput,
    author: UserRecord,
    at: string,
  ): Promise<CommentOutcome>;
  /** Sets or clears the user's vote; null if there is no such report. */
  setVote(
    reportId: string,
    userId: string,
    on: boolean,
    at: string,
  ): Promise<VoteAnswer | null>;
  putScreenshot(reportId: string, shot: Screenshot, at: string): Promise<void>;
  getScreenshot(reportId: string): Promise<Screenshot | null>;
}

/** The service catalogue and the figures the dashboard charts. */
export interface CatalogueStore {
  getServices(): Promise<ServiceEntry[]>;
  putServices(entries: ServiceEntry[]): Promise<void>;
  /** Re-applies the catalogue to every report; answers how many changed. */
  reapplyServices(at: string): Promise<number>;

  /** Open reports counted by severity × risk; `null` is "not yet triaged". */
  matrix(): Promise<MatrixCell[]>;
  /** What trends need of every report received since `since`. */
  trendRows(since: string): Promise<TrendRow[]>;
}

/** The storage port. */
export interface Store
  extends UserStore, ReportStore, DiscussionStore, CatalogueStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Runs pending migrations; answers the schema version. */
  migrate(): Promise<number>;
  /** The schema version found at the last `migrate`. */
  readonly migration: number;
  close(): Promise<void>;
  /** Subscribes to committed report changes. */
  onEvent(listener: (event: ReportEvent) => void): () => void;
}

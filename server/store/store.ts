/**
 * The storage port: everything the HTTP layer and the CLI may ask of a store, whichever
 * database sits behind it. The store reads and writes; what a change means is decided by the
 * rules in `server/domain/`.
 */
import type {
  CommentInput,
  MatrixCell,
  ReportDetail,
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
import type { StoreEvent } from './driver';
import type { AuditAction, AuditEntry } from '../../protocol/audit';
import type { RetentionItem } from '../domain/retention';
import type { RedactionInput } from '../../protocol/need-to-know';
import type { AnchorQuality } from '../../protocol/anchoring';
import type { DeviceSummary, SignInProblem } from '../../protocol/auth';
import type { AccessFacts, RefreshFacts } from '../domain/devices';
import type { ReportFilter } from '../domain/report-filter';
import type { TrendRow } from '../domain/trends';
import type { SqlDeliveryQueue } from './sql/delivery-queue';
import type { SqlWebhooks } from './sql/webhooks';

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
/** An audit log entry to append; the store numbers it. */
export interface NewAuditEntry {
  at: string;
  actor: { id: string; name: string } | null;
  action: AuditAction;
  target: string | null;
  detail: Record<string, unknown>;
  address: string | null;
}

/** What came of a redaction or of clearing the personal-data flag. */
export type RedactionOutcome =
  | { kind: 'ok'; report: ReportDetail }
  | { kind: 'not-found' }
  | { kind: 'bad'; message: string };

export interface ChangesSlice {
  /** The changed reports in serverSeq order, each with its cursor. */
  changes: { cursor: string; report: StoredReport }[];
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
    onlyFor?: string,
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
  /** Keeps how each note named was found on the page; never an edit of the report. */
  recordAnchoring(
    reportId: string,
    annotations: Record<string, AnchorQuality>,
    at: string,
  ): Promise<void>;
  /** Redacts one field, or removes the screenshot; the original is gone from the database. */
  redact(
    reportId: string,
    input: RedactionInput,
    authorId: string,
    at: string,
  ): Promise<RedactionOutcome>;
  /** Appends to the audit log. */
  appendAudit(entry: NewAuditEntry): Promise<void>;
  /** Audit entries, newest first, older than entry `before`. */
  listAudit(query: {
    action?: AuditAction;
    before?: number;
    limit: number;
  }): Promise<AuditEntry[]>;
  /** Closed reports closed at or before `cutoff` that retention would act on. */
  retentionDue(cutoff: string): Promise<RetentionItem[]>;
  /** Deletes their screenshots and anonymises their reporters; answers what it acted on. */
  applyRetention(cutoff: string): Promise<RetentionItem[]>;
  /** Clears the personal-data flag, as a reviewer who checked the report. */
  clearPersonalData(
    reportId: string,
    authorId: string,
    at: string,
  ): Promise<RedactionOutcome>;
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

/** A provider sign-in to apply: who the provider says this is, and what they may do. */
export interface ProviderSignIn {
  issuer: string;
  subject: string;
  name: string;
  role: Role;
  /** The token holder who asked to link this identity, if any. */
  linkUserId: string | null;
  at: string;
  /** The user to create if the identity is new and nobody links it. */
  newUser: NewUser;
}

/** What a provider sign-in did. */
export type ProviderSignInOutcome =
  | { kind: 'signed-in'; user: UserRecord; created: boolean; linked: boolean }
  | { kind: 'refused'; problem: SignInProblem };

/** Why a sign-in with the provider was started. */
export type FlowPurpose = 'dashboard' | 'extension';

/** A sign-in in progress at the provider, found again by its `state`. */
export interface SignInFlow {
  /** SHA-256 of the `state` sent to the provider. */
  stateHash: string;
  purpose: FlowPurpose;
  /** SHA-256 of the browser-binding cookie (dashboard sign-ins). */
  bindingHash: string | null;
  codeVerifier: string;
  nonce: string;
  /** Where the dashboard goes afterwards. */
  returnTo: string | null;
  /** The extension's redirect, state, PKCE challenge and device name. */
  clientRedirect: string | null;
  clientState: string | null;
  clientChallenge: string | null;
  deviceName: string | null;
  /** The token holder linking their council account, if any. */
  linkUserId: string | null;
  createdAt: string;
  expiresAt: string;
}

/** A one-time code for the extension, to trade for its first tokens. */
export interface NewSignInCode {
  codeHash: string;
  userId: string;
  clientRedirect: string;
  clientChallenge: string;
  deviceName: string;
  /** The provider's refresh token, sealed (`sign-in/seal.ts`), if it gave one. */
  providerRefresh: string | null;
  createdAt: string;
  expiresAt: string;
}

/** A device token to store: the SHA-256 of the secret and when it stops working. */
export interface NewDeviceToken {
  hash: string;
  expiresAt: string;
}

/** A device's new pair of tokens. */
export interface DeviceTokens {
  access: NewDeviceToken;
  refresh: NewDeviceToken;
}

/** What trading a code did. */
export type CodeExchangeOutcome =
  | { kind: 'issued'; user: UserRecord; deviceId: string }
  | { kind: 'refused'; message: string };

/** What the store knows about a refresh token. */
export interface StoredRefresh extends RefreshFacts {
  userId: string;
  /** The provider's sealed refresh token for this device, if any. */
  providerRefresh: string | null;
}

/** A device found by its access token. */
export interface DeviceAccess extends AccessFacts {
  user: UserRecord;
  deviceId: string;
}

/** Provider identities, sign-ins in progress, and the extension's devices and tokens. */
export interface SignInStore {
  /** Applies a provider sign-in under the write lock, by the rule in `domain/sign-in.ts`. */
  applyProviderSignIn(input: ProviderSignIn): Promise<ProviderSignInOutcome>;
  /** Whether a council account is linked to this user. */
  hasCouncilAccount(userId: string): Promise<boolean>;

  /** Keeps a sign-in in progress (and forgets expired ones). */
  saveFlow(flow: SignInFlow): Promise<void>;
  /** Takes a sign-in in progress by its state hash, once: a second take finds nothing. */
  takeFlow(stateHash: string): Promise<SignInFlow | null>;

  /** Keeps a code for the extension (and forgets expired ones). */
  saveCode(code: NewSignInCode): Promise<void>;
  /**
   * Trades a code for a new device and its tokens, by the rule in `domain/devices.ts`; a
   * replayed code signs out the device its first use made.
   */
  exchangeCode(
    codeHash: string,
    input: { verifier: string; redirectUri: string },
    device: { id: string; tokens: DeviceTokens },
    at: string,
  ): Promise<CodeExchangeOutcome>;

  /** A refresh token, its device and its user. */
  refreshToken(hash: string): Promise<StoredRefresh | null>;
  /**
   * Uses a refresh token and stores the next pair, only if it is still unused (another use
   * may have won the race). `providerRefresh` replaces the device's
   * sealed provider token when given. Answers the device's user, or null if it did not.
   */
  rotateRefresh(
    hash: string,
    deviceId: string,
    tokens: DeviceTokens,
    providerRefresh: string | undefined,
    at: string,
  ): Promise<UserRecord | null>;
  /** Signs a device out, with the reason its holder will be shown; false if it already was. */
  signOutDevice(
    deviceId: string,
    reason: SignInProblem,
    at: string,
  ): Promise<boolean>;
  /** The device holding this access token, with its user and state. */
  deviceByAccessHash(hash: string): Promise<DeviceAccess | null>;
  /** Every signed-in device of a live user, newest first. */
  listDevices(): Promise<DeviceSummary[]>;

  /** Keeps a link ticket for a token holder. */
  saveLinkTicket(
    hash: string,
    userId: string,
    expiresAt: string,
  ): Promise<void>;
  /** Takes a link ticket once, if unexpired; answers whose it was. */
  takeLinkTicket(hash: string, now: string): Promise<string | null>;
}

/** The storage port. */
export interface Store
  extends UserStore, ReportStore, DiscussionStore, CatalogueStore, SignInStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Webhook subscriptions, the allow-list and email settings. */
  readonly webhooks: SqlWebhooks;
  /** The durable delivery queue that workers claim from. */
  readonly deliveryQueue: SqlDeliveryQueue;
  /** Runs pending migrations; answers the schema version. */
  migrate(): Promise<number>;
  /** The schema version found at the last `migrate`. */
  readonly migration: number;
  close(): Promise<void>;
  /** Commits a write that changes nothing, or throws the store's error (for `/health/ready`). */
  checkWritable(): Promise<void>;
  /** Subscribes to committed report changes. */
  onEvent(listener: (event: StoreEvent) => void): () => void;
  /** Settles once changes made anywhere reach `onEvent` listeners. */
  eventsReady(): Promise<void>;
}

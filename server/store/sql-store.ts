/**
 * The one implementation of the `Store` port, over either SQL driver: a thin facade over one
 * module per aggregate in `sql/`. Those modules only read and write; what a change means is
 * decided by the rules in `server/domain/`. The order of changes is explained in
 * `sql/sequence.ts`.
 */
import type {
  CommentInput,
  MatrixCell,
  ReportDetail,
  ServiceEntry,
  TriagePatch,
  VoteAnswer,
} from '../../protocol/api';
import type { DeviceSummary, SignInProblem } from '../../protocol/auth';
import type { ReportInput, StoredReport } from '../../protocol/report';
import type { ReportFilter } from '../domain/report-filter';
import type { TrendRow } from '../domain/trends';
import type { StoreEvent, SqlDriver } from './driver';
import type { RedactionInput } from '../../protocol/need-to-know';
import { SqlRedactions } from './sql/redactions';
import { SqlAnchoring } from './sql/anchoring';
import type { AnchorQuality } from '../../protocol/anchoring';
import { SqlRetention } from './sql/retention';
import { SqlAudit } from './sql/audit';
import type { AuditAction } from '../../protocol/audit';
import { SqlCatalogue } from './sql/catalogue';
import { SqlChanges } from './sql/changes';
import { SqlComments } from './sql/comments';
import { SqlDeliveryQueue } from './sql/delivery-queue';
import { SqlDevices } from './sql/devices';
import { SqlIdentities } from './sql/identities';
import { SqlReportLists } from './sql/report-lists';
import { SqlReports } from './sql/reports';
import { SqlScreenshots } from './sql/screenshots';
import { SqlSignInFlows } from './sql/sign-in-flows';
import { SqlStatistics } from './sql/statistics';
import { SqlTriage } from './sql/triage';
import { SqlUsers } from './sql/users';
import { SqlVotes } from './sql/votes';
import { SqlWebhooks } from './sql/webhooks';
import type {
  ChangesSlice,
  CodeExchangeOutcome,
  CommentOutcome,
  DeviceAccess,
  DeviceTokens,
  NewAuditEntry,
  NewSignInCode,
  NewUser,
  ProviderSignIn,
  ProviderSignInOutcome,
  SignInFlow,
  StoredRefresh,
  PutOutcome,
  Screenshot,
  SessionRecord,
  Store,
  TriageOutcome,
  UserRecord,
} from './store';

/** The store over one SQL driver. */
export class SqlStore implements Store {
  migration = 0;
  private readonly users: SqlUsers;
  private readonly reports: SqlReports;
  private readonly lists: SqlReportLists;
  private readonly feed: SqlChanges;
  private readonly triages: SqlTriage;
  private readonly comments: SqlComments;
  private readonly votes: SqlVotes;
  private readonly screenshots: SqlScreenshots;
  private readonly catalogue: SqlCatalogue;
  private readonly statistics: SqlStatistics;
  private readonly identities: SqlIdentities;
  private readonly flows: SqlSignInFlows;
  private readonly devices: SqlDevices;
  private readonly redactions: SqlRedactions;
  private readonly anchoring: SqlAnchoring;
  private readonly retention: SqlRetention;
  private readonly audit: SqlAudit;
  readonly webhooks: SqlWebhooks;
  readonly deliveryQueue: SqlDeliveryQueue;

  constructor(readonly driver: SqlDriver) {
    this.users = new SqlUsers(driver);
    this.reports = new SqlReports(driver);
    this.lists = new SqlReportLists(driver);
    this.feed = new SqlChanges(driver);
    this.triages = new SqlTriage(driver);
    this.comments = new SqlComments(driver);
    this.votes = new SqlVotes(driver);
    this.screenshots = new SqlScreenshots(driver);
    this.catalogue = new SqlCatalogue(driver);
    this.statistics = new SqlStatistics(driver);
    this.identities = new SqlIdentities(driver);
    this.flows = new SqlSignInFlows(driver);
    this.devices = new SqlDevices(driver);
    this.redactions = new SqlRedactions(driver);
    this.anchoring = new SqlAnchoring(driver);
    this.retention = new SqlRetention(driver);
    this.audit = new SqlAudit(driver);
    this.webhooks = new SqlWebhooks(driver);
    this.deliveryQueue = new SqlDeliveryQueue(driver);
  }

  get kind(): 'sqlite' | 'postgres' {
    return this.driver.kind;
  }

  async migrate(): Promise<number> {
    this.migration = await this.driver.migrate();
    return this.migration;
  }

  close(): Promise<void> {
    return this.driver.close();
  }

  async checkWritable(): Promise<void> {
    // Rewrites the sequence row with its own value: a real commit (WAL frame and fsync on
    // SQLite), so a full disk or a read-only store fails here rather than on the next report.
    await this.driver.transaction((tx) =>
      tx.run('UPDATE meta SET seq = seq WHERE id = 1'),
    );
  }

  onEvent(listener: (event: StoreEvent) => void): () => void {
    return this.driver.onEvent(listener);
  }

  eventsReady(): Promise<void> {
    return this.driver.eventsReady();
  }

  // ---- users and sessions ----

  createUser(user: NewUser): Promise<void> {
    return this.users.create(user);
  }

  createFirstAdmin(user: NewUser): Promise<boolean> {
    return this.users.createFirstAdmin(user);
  }

  listUsers(): Promise<UserRecord[]> {
    return this.users.list();
  }

  userByTokenHash(tokenHash: string): Promise<UserRecord | null> {
    return this.users.byTokenHash(tokenHash);
  }

  tokenHashRevoked(tokenHash: string): Promise<boolean> {
    return this.users.tokenHashRevoked(tokenHash);
  }

  revokeUser(id: string, at: string): Promise<boolean> {
    return this.users.revoke(id, at);
  }

  createSession(
    idHash: string,
    userId: string,
    csrfToken: string,
    at: string,
    expiresAt: string,
  ): Promise<void> {
    return this.users.createSession(idHash, userId, csrfToken, at, expiresAt);
  }

  session(idHash: string, now: string): Promise<SessionRecord | null> {
    return this.users.session(idHash, now);
  }

  deleteSession(idHash: string): Promise<void> {
    return this.users.deleteSession(idHash);
  }

  // ---- reports ----

  putReport(
    input: ReportInput,
    author: UserRecord,
    at: string,
  ): Promise<PutOutcome> {
    return this.reports.put(input, author, at);
  }

  getReport(id: string, viewerId?: string): Promise<ReportDetail | null> {
    return this.reports.get(id, viewerId);
  }

  reportAuthor(id: string): Promise<string | null> {
    return this.reports.author(id);
  }

  listReports(
    filter: ReportFilter,
    page: { offset: number; limit: number },
    viewerId?: string,
  ): Promise<{ reports: StoredReport[]; total: number }> {
    return this.lists.list(filter, page, viewerId);
  }

  iterateReports(filter: ReportFilter): AsyncGenerator<StoredReport> {
    return this.lists.iterate(filter);
  }

  changes(
    since: number,
    limit: number,
    viewerId?: string,
    onlyFor?: string,
  ): Promise<ChangesSlice> {
    return this.feed.read(since, limit, viewerId, onlyFor);
  }

  changesJson(
    since: number,
    limit: number,
    viewerId?: string,
  ): Promise<{
    items: { serverSeq: number; json: string }[];
    hasMore: boolean;
  }> {
    return this.feed.readJson(since, limit, viewerId);
  }

  // ---- after filing: triage, discussion, screenshot ----

  triage(
    id: string,
    patch: TriagePatch,
    author: UserRecord,
    at: string,
  ): Promise<TriageOutcome> {
    return this.triages.triage(id, patch, author, at);
  }

  addComment(
    reportId: string,
    input: CommentInput,
    author: UserRecord,
    at: string,
  ): Promise<CommentOutcome> {
    return this.comments.add(reportId, input, author, at);
  }

  setVote(
    reportId: string,
    userId: string,
    on: boolean,
    at: string,
  ): Promise<VoteAnswer | null> {
    return this.votes.set(reportId, userId, on, at);
  }

  putScreenshot(reportId: string, shot: Screenshot, at: string): Promise<void> {
    return this.screenshots.put(reportId, shot, at);
  }

  getScreenshot(reportId: string): Promise<Screenshot | null> {
    return this.screenshots.get(reportId);
  }

  recordAnchoring(id: string, seen: Record<string, AnchorQuality>, at: string) {
    return this.anchoring.record(id, seen, at);
  }

  redact(id: string, input: RedactionInput, authorId: string, at: string) {
    return this.redactions.redact(id, input, authorId, at);
  }

  clearPersonalData(id: string, authorId: string, at: string) {
    return this.redactions.clearPersonalData(id, authorId, at);
  }

  appendAudit(entry: NewAuditEntry) {
    return this.audit.append(entry);
  }

  listAudit(query: { action?: AuditAction; before?: number; limit: number }) {
    return this.audit.list(query);
  }

  retentionDue(cutoff: string) {
    return this.retention.due(cutoff);
  }

  applyRetention(cutoff: string) {
    return this.retention.apply(cutoff);
  }

  // ---- service catalogue and statistics ----

  getServices(): Promise<ServiceEntry[]> {
    return this.catalogue.get();
  }

  putServices(entries: ServiceEntry[]): Promise<void> {
    return this.catalogue.put(entries);
  }

  reapplyServices(at: string): Promise<number> {
    return this.catalogue.reapply(at);
  }

  matrix(): Promise<MatrixCell[]> {
    return this.statistics.matrix();
  }

  trendRows(since: string): Promise<TrendRow[]> {
    return this.statistics.trendRows(since);
  }

  // ---- single sign-on and devices ----

  applyProviderSignIn(input: ProviderSignIn): Promise<ProviderSignInOutcome> {
    return this.identities.signIn(input);
  }

  hasCouncilAccount(userId: string): Promise<boolean> {
    return this.identities.linked(userId);
  }

  saveFlow(flow: SignInFlow): Promise<void> {
    return this.flows.save(flow);
  }

  takeFlow(stateHash: string): Promise<SignInFlow | null> {
    return this.flows.take(stateHash);
  }

  saveCode(code: NewSignInCode): Promise<void> {
    return this.devices.saveCode(code);
  }

  exchangeCode(
    codeHash: string,
    input: { verifier: string; redirectUri: string },
    device: { id: string; tokens: DeviceTokens },
    at: string,
  ): Promise<CodeExchangeOutcome> {
    return this.devices.exchangeCode(codeHash, input, device, at);
  }

  refreshToken(hash: string): Promise<StoredRefresh | null> {
    return this.devices.refreshToken(hash);
  }

  rotateRefresh(
    hash: string,
    deviceId: string,
    tokens: DeviceTokens,
    providerRefresh: string | undefined,
    at: string,
  ): Promise<UserRecord | null> {
    return this.devices.rotateRefresh(
      hash,
      deviceId,
      tokens,
      providerRefresh,
      at,
    );
  }

  signOutDevice(
    deviceId: string,
    reason: SignInProblem,
    at: string,
  ): Promise<boolean> {
    return this.devices.signOut(deviceId, reason, at);
  }

  deviceByAccessHash(hash: string): Promise<DeviceAccess | null> {
    return this.devices.byAccessHash(hash);
  }

  listDevices(): Promise<DeviceSummary[]> {
    return this.devices.list();
  }

  saveLinkTicket(
    hash: string,
    userId: string,
    expiresAt: string,
  ): Promise<void> {
    return this.flows.saveTicket(hash, userId, expiresAt);
  }

  takeLinkTicket(hash: string, now: string): Promise<string | null> {
    return this.flows.takeTicket(hash, now);
  }
}

/**
 * The store's logic, written once over the SQL both adapters speak.
 *
 * Ordering guarantee for `/changes`: every write opens by taking `driver.lockSql` (a row lock
 * on `meta` in PostgreSQL; SQLite has one writer anyway) and then draws the next `serverSeq`
 * from that row in the same transaction. Writers therefore commit in `serverSeq` order, so a
 * reader that has seen sequence N can never later find a committed change below N.
 */
import type {
  Person,
  ReportInput,
  StoredReport,
  Triage,
} from '../../protocol/report';
import { resolveService } from '../catalogue';
import { canonicalJson, sha256 } from '../canonical-json';
import type {
  ReportEvent,
  SqlDriver,
  SqlExecutor,
  SqlTransaction,
} from './driver';
import type {
  CommentOutcome,
  HistoryEntry,
  MatrixCell,
  NewUser,
  PutOutcome,
  ReportDetail,
  ReportFilter,
  Screenshot,
  ServiceEntry,
  SessionRecord,
  Store,
  Team,
  TrendRow,
  TriageOutcome,
  UserRecord,
} from './store';
import type { Role } from '../../protocol/api';

interface ReportRow {
  id: string;
  author_id: string;
  author_name: string;
  author_team: Team | null;
  body: string;
  service: string;
  received_at: string;
  server_seq: number;
  status: StoredReport['status'];
  usability_severity: number | null;
  security_risk: number | null;
  assignee: string | null;
  duplicate_of: string | null;
  version: number;
  votes: number;
}

interface UserRow {
  id: string;
  name: string;
  role: Role;
  team: Team | null;
  created_at: string;
  revoked_at: string | null;
}

const REPORT_COLUMNS = `r.id, r.author_id, u.name AS author_name, u.team AS author_team, r.body,
  r.service, r.received_at, r.server_seq, r.status, r.usability_severity, r.security_risk,
  r.assignee, r.duplicate_of, r.version, r.votes`;
const REPORT_FROM = 'FROM reports r JOIN users u ON u.id = r.author_id';
/** Report columns the reporter's input decides; written alike by a first PUT and an edit. */
const CONTENT_COLUMNS = [
  'body',
  'body_hash',
  'service',
  'client_service',
  'page_url',
  'hostname',
  'page_path',
  'hard_to_use',
  'insecure',
  'categories',
  'workarounds',
  'data_involved',
  'search_text',
];
const UPDATE_CONTENT = `UPDATE reports SET ${CONTENT_COLUMNS.map((c) => `${c} = ?`).join(', ')},
  server_seq = ? WHERE id = ?`;
const INSERT_REPORT = `INSERT INTO reports (id, author_id, ${CONTENT_COLUMNS.join(', ')},
  received_at, server_seq, status, usability_severity, security_risk, assignee, duplicate_of,
  version, votes)
  VALUES (?, ?, ${CONTENT_COLUMNS.map(() => '?').join(', ')}, ?, ?, 'new', NULL, NULL, NULL,
  NULL, 0, 0)`;
const OPEN_STATUSES = `('new', 'triaged', 'in-progress')`;
const EXPORT_BATCH = 500;

const toUser = (row: UserRow): UserRecord => ({
  id: row.id,
  name: row.name,
  role: row.role,
  team: row.team,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
});

const person = (id: string, name: string, team: Team | null): Person => ({
  id,
  name,
  team,
});

/** The text `q` searches, lower-cased once on write so both databases match alike. */
function searchText(input: ReportInput): string {
  return [
    input.trying,
    input.whatHappened,
    input.page.title,
    ...input.annotations.map((a) => a.note),
  ]
    .join('\n')
    .toLowerCase();
}

/** Escapes LIKE wildcards so a search for `50%` means the characters, not a pattern. */
function likeContains(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/** Adds a day to a bare `YYYY-MM-DD`, so `to` includes the whole of that day. */
function endBound(to: string): { op: '<' | '<='; value: string } {
  if (/^\d{4}-\d{2}-\d{2}$/.test(to)) {
    const next = new Date(`${to}T00:00:00.000Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return { op: '<', value: next.toISOString() };
  }
  return { op: '<=', value: new Date(to).toISOString() };
}

function whereClause(filter: ReportFilter): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter.status && filter.status.length > 0) {
    clauses.push(`r.status IN (${placeholders(filter.status.length)})`);
    params.push(...filter.status);
  }
  if (filter.service !== undefined) {
    clauses.push('r.service = ?');
    params.push(filter.service);
  }
  if (filter.problem === 'hard-to-use') clauses.push('r.hard_to_use = 1');
  if (filter.problem === 'insecure-workaround') clauses.push('r.insecure = 1');
  if (filter.category !== undefined) {
    clauses.push(`r.categories LIKE ? ESCAPE '\\'`);
    params.push(likeContains(`,${filter.category},`));
  }
  if (filter.workaround !== undefined) {
    clauses.push(`r.workarounds LIKE ? ESCAPE '\\'`);
    params.push(likeContains(`,${filter.workaround},`));
  }
  if (filter.dataInvolved !== undefined) {
    clauses.push('r.data_involved = ?');
    params.push(filter.dataInvolved);
  }
  if (filter.severity !== undefined) {
    if (filter.severity === null) clauses.push('r.usability_severity IS NULL');
    else {
      clauses.push('r.usability_severity = ?');
      params.push(filter.severity);
    }
  }
  if (filter.risk !== undefined) {
    if (filter.risk === null) clauses.push('r.security_risk IS NULL');
    else {
      clauses.push('r.security_risk = ?');
      params.push(filter.risk);
    }
  }
  if (filter.assignee !== undefined) {
    clauses.push('r.assignee = ?');
    params.push(filter.assignee);
  }
  if (filter.from !== undefined) {
    clauses.push('r.received_at >= ?');
    params.push(new Date(filter.from).toISOString());
  }
  if (filter.to !== undefined) {
    const bound = endBound(filter.to);
    clauses.push(`r.received_at ${bound.op} ?`);
    params.push(bound.value);
  }
  if (filter.q !== undefined && filter.q.trim()) {
    clauses.push(`r.search_text LIKE ? ESCAPE '\\'`);
    params.push(likeContains(filter.q.trim()));
  }
  if (filter.url !== undefined) {
    clauses.push('r.page_url = ?');
    params.push(filter.url);
  }
  if (filter.authorId !== undefined) {
    clauses.push('r.author_id = ?');
    params.push(filter.authorId);
  }
  return {
    sql: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '',
    params,
  };
}

const ORDER_BY: Record<NonNullable<ReportFilter['sort']>, string> = {
  newest: 'r.received_at DESC, r.id DESC',
  oldest: 'r.received_at ASC, r.id ASC',
  severity:
    'r.usability_severity DESC NULLS LAST, r.received_at DESC, r.id DESC',
  risk: 'r.security_risk DESC NULLS LAST, r.received_at DESC, r.id DESC',
  votes: 'r.votes DESC, r.received_at DESC, r.id DESC',
};

/** Columns derived from the reporter's input, kept for filtering without parsing JSON. */
function derived(input: ReportInput) {
  const url = new URL(input.page.url);
  const hard = input.problems.find((p) => p.kind === 'hard-to-use');
  const insecure = input.problems.find((p) => p.kind === 'insecure-workaround');
  return {
    pageUrl: input.page.url,
    hostname: url.hostname.toLowerCase(),
    pagePath: url.pathname,
    hardToUse: hard ? 1 : 0,
    insecure: insecure ? 1 : 0,
    categories: `,${hard?.usabilityCategories.join(',') ?? ''},`,
    workarounds: `,${insecure?.workarounds.join(',') ?? ''},`,
    dataInvolved: insecure?.dataInvolved ?? null,
    searchText: searchText(input),
  };
}

/** The one implementation of `Store`, over either SQL driver. */
export class SqlStore implements Store {
  migration = 0;

  constructor(readonly driver: SqlDriver) {}

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

  onEvent(listener: (event: ReportEvent) => void): () => void {
    return this.driver.onEvent(listener);
  }

  /** Takes the write lock and draws the next serverSeq (see the module comment). */
  private async lock(tx: SqlTransaction): Promise<void> {
    await tx.get(this.driver.lockSql);
  }

  private async nextSeq(tx: SqlTransaction): Promise<number> {
    const row = await tx.get<{ seq: number }>(
      'UPDATE meta SET seq = seq + 1 WHERE id = 1 RETURNING seq',
    );
    if (!row) throw new Error('The meta row is missing');
    return Number(row.seq);
  }

  // ---- users and sessions ----

  async createUser(user: NewUser): Promise<void> {
    await this.driver.run(
      'INSERT INTO users (id, name, role, team, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
      [
        user.id,
        user.name,
        user.role,
        user.team,
        user.tokenHash,
        user.createdAt,
      ],
    );
  }

  createFirstAdmin(user: NewUser): Promise<boolean> {
    return this.driver.transaction(async (tx) => {
      // Under the write lock, so two instances starting together make one admin, not two.
      await this.lock(tx);
      const row = await tx.get<{ n: number }>(
        'SELECT CAST(COUNT(*) AS INTEGER) AS n FROM users',
      );
      if (Number(row?.n ?? 0) > 0) return false;
      await tx.run(
        'INSERT INTO users (id, name, role, team, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)',
        [
          user.id,
          user.name,
          user.role,
          user.team,
          user.tokenHash,
          user.createdAt,
        ],
      );
      return true;
    });
  }

  async listUsers(): Promise<UserRecord[]> {
    const rows = await this.driver.all<UserRow>(
      'SELECT id, name, role, team, created_at, revoked_at FROM users ORDER BY created_at, id',
    );
    return rows.map(toUser);
  }

  async userByTokenHash(tokenHash: string): Promise<UserRecord | null> {
    const row = await this.driver.get<UserRow>(
      'SELECT id, name, role, team, created_at, revoked_at FROM users WHERE token_hash = ? AND revoked_at IS NULL',
      [tokenHash],
    );
    return row ? toUser(row) : null;
  }

  async tokenHashRevoked(tokenHash: string): Promise<boolean> {
    const row = await this.driver.get<{ id: string }>(
      'SELECT id FROM users WHERE token_hash = ? AND revoked_at IS NOT NULL',
      [tokenHash],
    );
    return row !== undefined;
  }

  revokeUser(id: string, at: string): Promise<boolean> {
    return this.driver.transaction(async (tx) => {
      const changed = await tx.run(
        'UPDATE users SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL',
        [at, id],
      );
      await tx.run('DELETE FROM sessions WHERE user_id = ?', [id]);
      return changed > 0;
    });
  }

  async createSession(
    idHash: string,
    userId: string,
    csrfToken: string,
    at: string,
    expiresAt: string,
  ): Promise<void> {
    await this.driver.transaction(async (tx) => {
      await tx.run('DELETE FROM sessions WHERE expires_at <= ?', [at]);
      await tx.run(
        'INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
        [idHash, userId, csrfToken, at, expiresAt],
      );
    });
  }

  async session(idHash: string, now: string): Promise<SessionRecord | null> {
    const row = await this.driver.get<
      UserRow & { csrf_token: string; expires_at: string }
    >(
      `SELECT u.id, u.name, u.role, u.team, u.created_at, u.revoked_at, s.csrf_token, s.expires_at
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id_hash = ? AND s.expires_at > ? AND u.revoked_at IS NULL`,
      [idHash, now],
    );
    return row
      ? {
          user: toUser(row),
          csrfToken: row.csrf_token,
          expiresAt: row.expires_at,
        }
      : null;
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.driver.run('DELETE FROM sessions WHERE id_hash = ?', [idHash]);
  }

  // ---- reports ----

  /** Turns rows into stored reports, with their comments and the viewer's votes. */
  /**
   * Serialises rows as `StoredReport` JSON by splicing the stored body (which already carries
   * the resolved service) with the server's fields. Parsing and re-serialising every body
   * made a 500-report page of `/changes` several times slower.
   */
  private async hydrateJson(
    db: SqlExecutor,
    rows: ReportRow[],
    viewerId?: string,
  ): Promise<string[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const comments = await db.all<{
      id: string;
      report_id: string;
      body: string;
      created_at: string;
      author_id: string;
      name: string;
      team: Team | null;
    }>(
      `SELECT c.id, c.report_id, c.body, c.created_at, c.author_id, u.name, u.team
       FROM comments c JOIN users u ON u.id = c.author_id
       WHERE c.report_id IN (${placeholders(ids.length)}) ORDER BY c.created_at, c.id`,
      ids,
    );
    const byReport = new Map<string, StoredReport['comments']>();
    for (const c of comments) {
      const list = byReport.get(c.report_id) ?? [];
      list.push({
        id: c.id,
        body: c.body,
        author: person(c.author_id, c.name, c.team),
        createdAt: c.created_at,
      });
      byReport.set(c.report_id, list);
    }
    let voted: Set<string> | null = null;
    if (viewerId) {
      const votes = await db.all<{ report_id: string }>(
        `SELECT report_id FROM votes WHERE user_id = ? AND report_id IN (${placeholders(ids.length)})`,
        [viewerId, ...ids],
      );
      voted = new Set(votes.map((v) => v.report_id));
    }
    const str = JSON.stringify;
    return rows.map((row) => {
      const server =
        `"serverSeq":${Number(row.server_seq)},"receivedAt":${str(row.received_at)},` +
        `"author":${str(person(row.author_id, row.author_name, row.author_team))},` +
        `"status":${str(row.status)},"usabilitySeverity":${str(row.usability_severity)},` +
        `"securityRisk":${str(row.security_risk)},"assignee":${str(row.assignee)},` +
        `"duplicateOf":${str(row.duplicate_of)},"version":${row.version},"votes":${row.votes},` +
        (voted ? `"votedByMe":${voted.has(row.id)},` : '') +
        `"comments":${str(byReport.get(row.id) ?? [])}`;
      return `${row.body.slice(0, -1)},${server}}`;
    });
  }

  /** The same reports as objects; built from the JSON so both forms always agree. */
  private async hydrate(
    db: SqlExecutor,
    rows: ReportRow[],
    viewerId?: string,
  ): Promise<StoredReport[]> {
    return (await this.hydrateJson(db, rows, viewerId)).map(
      (json) => JSON.parse(json) as StoredReport,
    );
  }

  private async history(db: SqlExecutor, id: string): Promise<HistoryEntry[]> {
    const rows = await db.all<{
      at: string;
      changes: string;
      author_id: string;
      name: string;
      team: Team | null;
    }>(
      `SELECT h.at, h.changes, h.author_id, u.name, u.team
       FROM triage_history h JOIN users u ON u.id = h.author_id
       WHERE h.report_id = ? ORDER BY h.id`,
      [id],
    );
    return rows.map((r) => ({
      at: r.at,
      author: person(r.author_id, r.name, r.team),
      changes: JSON.parse(r.changes) as HistoryEntry['changes'],
    }));
  }

  private async detail(
    db: SqlExecutor,
    id: string,
    viewerId?: string,
  ): Promise<ReportDetail | null> {
    const row = await db.get<ReportRow>(
      `SELECT ${REPORT_COLUMNS} ${REPORT_FROM} WHERE r.id = ?`,
      [id],
    );
    if (!row) return null;
    const [report] = await this.hydrate(db, [row], viewerId);
    if (!report) return null;
    return { ...report, history: await this.history(db, id) };
  }

  getReport(id: string, viewerId?: string): Promise<ReportDetail | null> {
    return this.detail(this.driver, id, viewerId);
  }

  async reportAuthor(id: string): Promise<string | null> {
    const row = await this.driver.get<{ author_id: string }>(
      'SELECT author_id FROM reports WHERE id = ?',
      [id],
    );
    return row?.author_id ?? null;
  }

  private async catalogue(db: SqlExecutor): Promise<ServiceEntry[]> {
    const rows = await db.all<{
      hostname: string;
      path_prefix: string;
      name: string;
    }>('SELECT hostname, path_prefix, name FROM services ORDER BY position');
    return rows.map((r) => ({
      hostname: r.hostname,
      pathPrefix: r.path_prefix,
      name: r.name,
    }));
  }

  async putReport(
    input: ReportInput,
    author: UserRecord,
    at: string,
  ): Promise<PutOutcome> {
    const hash = sha256(canonicalJson(input));
    type Existing = { author_id: string; body_hash: string };
    const existingSql = 'SELECT author_id, body_hash FROM reports WHERE id = ?';
    // A retry of a PUT already stored needs no lock at all.
    const seen = await this.driver.get<Existing>(existingSql, [input.id]);
    if (seen && seen.author_id !== author.id) return { kind: 'forbidden' };
    if (seen?.body_hash === hash) {
      const report = await this.getReport(input.id, author.id);
      if (report) return { kind: 'unchanged', report };
    }
    const written = await this.driver.transaction(async (tx) => {
      await this.lock(tx);
      const current = await tx.get<Existing>(existingSql, [input.id]);
      if (current && current.author_id !== author.id)
        return 'forbidden' as const;
      if (current?.body_hash === hash) return 'unchanged' as const;
      const d = derived(input);
      const service = resolveService(
        await this.catalogue(tx),
        input.page.url,
        input.page.service,
      );
      const seq = await this.nextSeq(tx);
      const body = JSON.stringify({
        ...input,
        page: { ...input.page, service },
      });
      // The columns the reporter's input decides, in CONTENT_COLUMNS order.
      const content = [
        body,
        hash,
        service,
        input.page.service,
        d.pageUrl,
        d.hostname,
        d.pagePath,
        d.hardToUse,
        d.insecure,
        d.categories,
        d.workarounds,
        d.dataInvolved,
        d.searchText,
      ];
      if (current) {
        await tx.run(UPDATE_CONTENT, [...content, seq, input.id]);
        tx.notify({ type: 'report-updated', id: input.id, serverSeq: seq });
        return 'updated' as const;
      }
      await tx.run(INSERT_REPORT, [input.id, author.id, ...content, at, seq]);
      tx.notify({ type: 'report-created', id: input.id, serverSeq: seq });
      const report: StoredReport = {
        ...input,
        page: { ...input.page, service },
        serverSeq: seq,
        receivedAt: at,
        author: person(author.id, author.name, author.team),
        status: 'new',
        usabilitySeverity: null,
        securityRisk: null,
        assignee: null,
        duplicateOf: null,
        version: 0,
        votes: 0,
        votedByMe: false,
        comments: [],
      };
      return { created: report };
    });
    if (written === 'forbidden') return { kind: written };
    // A new report has no discussion or triage yet, so it need not be read back.
    if (typeof written === 'object')
      return { kind: 'created', report: written.created };
    const report = await this.getReport(input.id, author.id);
    if (!report) throw new Error('A committed report could not be read back');
    return { kind: written, report };
  }

  async listReports(
    filter: ReportFilter,
    page: { offset: number; limit: number },
    viewerId?: string,
  ): Promise<{ reports: StoredReport[]; total: number }> {
    const where = whereClause(filter);
    const order = ORDER_BY[filter.sort ?? 'newest'];
    const rows = await this.driver.all<ReportRow>(
      `SELECT ${REPORT_COLUMNS} ${REPORT_FROM} ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`,
      [...where.params, page.limit, page.offset],
    );
    const count = await this.driver.get<{ n: number }>(
      `SELECT CAST(COUNT(*) AS INTEGER) AS n FROM reports r ${where.sql}`,
      where.params,
    );
    return {
      reports: await this.hydrate(this.driver, rows, viewerId),
      total: Number(count?.n ?? 0),
    };
  }

  async *iterateReports(filter: ReportFilter): AsyncGenerator<StoredReport> {
    const where = whereClause(filter);
    let after: { at: string; id: string } | null = null;
    for (;;) {
      // Keyset paging: each batch is a fresh, short query, so no cursor stays open.
      const keyset: string = after
        ? `(r.received_at > ? OR (r.received_at = ? AND r.id > ?))`
        : '';
      const clause = [where.sql.replace(/^WHERE /, ''), keyset]
        .filter(Boolean)
        .join(' AND ');
      const params: unknown[] = [
        ...where.params,
        ...(after ? [after.at, after.at, after.id] : []),
      ];
      const rows: ReportRow[] = await this.driver.all<ReportRow>(
        `SELECT ${REPORT_COLUMNS} ${REPORT_FROM} ${clause ? `WHERE ${clause}` : ''}
         ORDER BY r.received_at, r.id LIMIT ?`,
        [...params, EXPORT_BATCH],
      );
      for (const report of await this.hydrate(this.driver, rows)) yield report;
      const last = rows[rows.length - 1];
      if (!last || rows.length < EXPORT_BATCH) return;
      after = { at: last.received_at, id: last.id };
    }
  }

  async changesJson(
    since: number,
    limit: number,
    viewerId?: string,
  ): Promise<{
    items: { serverSeq: number; json: string }[];
    hasMore: boolean;
  }> {
    const rows = await this.driver.all<ReportRow>(
      `SELECT ${REPORT_COLUMNS} ${REPORT_FROM} WHERE r.server_seq > ? ORDER BY r.server_seq LIMIT ?`,
      [since, limit + 1],
    );
    const page = rows.slice(0, limit);
    const json = await this.hydrateJson(this.driver, page, viewerId);
    return {
      items: page.map((row, i) => ({
        serverSeq: Number(row.server_seq),
        json: json[i] ?? '',
      })),
      hasMore: rows.length > limit,
    };
  }

  async triage(
    id: string,
    patch: Partial<Triage> & { baseVersion: number },
    author: UserRecord,
    at: string,
  ): Promise<TriageOutcome> {
    const outcome = await this.driver.transaction(
      async (tx): Promise<TriageOutcome | 'ok'> => {
        await this.lock(tx);
        const row = await tx.get<ReportRow>(
          `SELECT ${REPORT_COLUMNS} ${REPORT_FROM} WHERE r.id = ?`,
          [id],
        );
        if (!row) return { kind: 'not-found' };
        if (row.version !== patch.baseVersion) {
          const [current] = await this.hydrate(tx, [row], author.id);
          const last = await tx.get<{
            author_id: string;
            name: string;
            team: Team | null;
          }>(
            `SELECT h.author_id, u.name, u.team FROM triage_history h JOIN users u ON u.id = h.author_id
           WHERE h.report_id = ? ORDER BY h.id DESC LIMIT 1`,
            [id],
          );
          if (!current) return { kind: 'not-found' };
          const changedBy = last
            ? person(last.author_id, last.name, last.team)
            : current.author;
          return { kind: 'conflict', current, changedBy };
        }
        const next: Triage = {
          status: patch.status ?? row.status,
          usabilitySeverity:
            patch.usabilitySeverity !== undefined
              ? patch.usabilitySeverity
              : row.usability_severity,
          securityRisk:
            patch.securityRisk !== undefined
              ? patch.securityRisk
              : row.security_risk,
          assignee:
            patch.assignee !== undefined ? patch.assignee : row.assignee,
          duplicateOf:
            patch.duplicateOf !== undefined
              ? patch.duplicateOf
              : row.duplicate_of,
        };
        if (patch.duplicateOf) {
          if (patch.duplicateOf === id)
            return {
              kind: 'bad-duplicate',
              message: 'A report cannot duplicate itself',
            };
          const target = await tx.get<{ id: string }>(
            'SELECT id FROM reports WHERE id = ?',
            [patch.duplicateOf],
          );
          if (!target)
            return {
              kind: 'bad-duplicate',
              message: 'duplicateOf names no known report',
            };
          next.status = 'duplicate';
        }
        const before: Triage = {
          status: row.status,
          usabilitySeverity: row.usability_severity,
          securityRisk: row.security_risk,
          assignee: row.assignee,
          duplicateOf: row.duplicate_of,
        };
        const changes: Record<string, [unknown, unknown]> = {};
        for (const key of Object.keys(next) as Array<keyof Triage>) {
          if (before[key] !== next[key])
            changes[key] = [before[key], next[key]];
        }
        if (Object.keys(changes).length === 0) return 'ok';
        const seq = await this.nextSeq(tx);
        await tx.run(
          `UPDATE reports SET status = ?, usability_severity = ?, security_risk = ?, assignee = ?,
           duplicate_of = ?, version = version + 1, server_seq = ? WHERE id = ?`,
          [
            next.status,
            next.usabilitySeverity,
            next.securityRisk,
            next.assignee,
            next.duplicateOf,
            seq,
            id,
          ],
        );
        await tx.run(
          'INSERT INTO triage_history (report_id, author_id, at, changes) VALUES (?, ?, ?, ?)',
          [id, author.id, at, JSON.stringify(changes)],
        );
        tx.notify({ type: 'report-updated', id, serverSeq: seq });
        return 'ok';
      },
    );
    if (outcome !== 'ok') return outcome;
    const report = await this.getReport(id, author.id);
    return report ? { kind: 'ok', report } : { kind: 'not-found' };
  }

  async addComment(
    reportId: string,
    input: { id: string; body: string },
    author: UserRecord,
    at: string,
  ): Promise<CommentOutcome> {
    type Row = {
      report_id: string;
      author_id: string;
      body: string;
      created_at: string;
    };
    const existingSql =
      'SELECT report_id, author_id, body, created_at FROM comments WHERE id = ?';
    const same = (row: Row) =>
      row.report_id === reportId &&
      row.author_id === author.id &&
      row.body === input.body;
    const asComment = (createdAt: string) => ({
      id: input.id,
      body: input.body,
      createdAt,
      author: person(author.id, author.name, author.team),
    });
    const seen = await this.driver.get<Row>(existingSql, [input.id]);
    if (seen)
      return same(seen)
        ? { kind: 'exists', comment: asComment(seen.created_at) }
        : { kind: 'conflict' };
    return this.driver.transaction(async (tx): Promise<CommentOutcome> => {
      await this.lock(tx);
      const existing = await tx.get<Row>(existingSql, [input.id]);
      if (existing) {
        return same(existing)
          ? { kind: 'exists', comment: asComment(existing.created_at) }
          : { kind: 'conflict' };
      }
      const report = await tx.get<{ id: string }>(
        'SELECT id FROM reports WHERE id = ?',
        [reportId],
      );
      if (!report) return { kind: 'not-found' };
      const seq = await this.nextSeq(tx);
      await tx.run(
        'INSERT INTO comments (id, report_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)',
        [input.id, reportId, author.id, input.body, at],
      );
      await tx.run('UPDATE reports SET server_seq = ? WHERE id = ?', [
        seq,
        reportId,
      ]);
      tx.notify({ type: 'report-updated', id: reportId, serverSeq: seq });
      return { kind: 'created', comment: asComment(at) };
    });
  }

  setVote(
    reportId: string,
    userId: string,
    on: boolean,
    at: string,
  ): Promise<{ votes: number; votedByMe: boolean } | null> {
    return this.driver.transaction(async (tx) => {
      await this.lock(tx);
      const report = await tx.get<{ votes: number }>(
        'SELECT votes FROM reports WHERE id = ?',
        [reportId],
      );
      if (!report) return null;
      const changed = on
        ? await tx.run(
            'INSERT INTO votes (report_id, user_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
            [reportId, userId, at],
          )
        : await tx.run(
            'DELETE FROM votes WHERE report_id = ? AND user_id = ?',
            [reportId, userId],
          );
      if (changed === 0) return { votes: report.votes, votedByMe: on };
      const seq = await this.nextSeq(tx);
      const votes = report.votes + (on ? 1 : -1);
      await tx.run(
        'UPDATE reports SET votes = ?, server_seq = ? WHERE id = ?',
        [votes, seq, reportId],
      );
      tx.notify({ type: 'report-updated', id: reportId, serverSeq: seq });
      return { votes, votedByMe: on };
    });
  }

  async putScreenshot(
    reportId: string,
    shot: Screenshot,
    at: string,
  ): Promise<void> {
    await this.driver.run(
      `INSERT INTO screenshots (report_id, media_type, bytes, uploaded_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (report_id) DO UPDATE SET media_type = excluded.media_type,
         bytes = excluded.bytes, uploaded_at = excluded.uploaded_at`,
      [reportId, shot.mediaType, shot.bytes, at],
    );
  }

  async getScreenshot(reportId: string): Promise<Screenshot | null> {
    const row = await this.driver.get<{
      media_type: string;
      bytes: Buffer | Uint8Array;
    }>('SELECT media_type, bytes FROM screenshots WHERE report_id = ?', [
      reportId,
    ]);
    return row
      ? { mediaType: row.media_type, bytes: Buffer.from(row.bytes) }
      : null;
  }

  // ---- service catalogue ----

  getServices(): Promise<ServiceEntry[]> {
    return this.catalogue(this.driver);
  }

  async putServices(entries: ServiceEntry[]): Promise<void> {
    await this.driver.transaction(async (tx) => {
      await tx.run('DELETE FROM services');
      let position = 0;
      for (const e of entries) {
        await tx.run(
          'INSERT INTO services (position, hostname, path_prefix, name) VALUES (?, ?, ?, ?)',
          [position++, e.hostname.toLowerCase(), e.pathPrefix, e.name],
        );
      }
    });
  }

  reapplyServices(_at: string): Promise<number> {
    return this.driver.transaction(async (tx) => {
      await this.lock(tx);
      const catalogue = await this.catalogue(tx);
      const rows = await tx.all<{
        id: string;
        page_url: string;
        client_service: string;
        service: string;
        body: string;
      }>(
        'SELECT id, page_url, client_service, service, body FROM reports ORDER BY server_seq',
      );
      let changed = 0;
      for (const row of rows) {
        const service = resolveService(
          catalogue,
          row.page_url,
          row.client_service,
        );
        if (service === row.service) continue;
        const seq = await this.nextSeq(tx);
        const input = JSON.parse(row.body) as ReportInput;
        const body = JSON.stringify({
          ...input,
          page: { ...input.page, service },
        });
        await tx.run(
          'UPDATE reports SET service = ?, body = ?, server_seq = ? WHERE id = ?',
          [service, body, seq, row.id],
        );
        tx.notify({ type: 'report-updated', id: row.id, serverSeq: seq });
        changed++;
      }
      return changed;
    });
  }

  // ---- statistics ----

  async matrix(): Promise<MatrixCell[]> {
    const rows = await this.driver.all<{
      s: number | null;
      r: number | null;
      n: number;
    }>(
      `SELECT usability_severity AS s, security_risk AS r, CAST(COUNT(*) AS INTEGER) AS n
       FROM reports WHERE status IN ${OPEN_STATUSES}
       GROUP BY usability_severity, security_risk`,
    );
    return rows.map((row) => ({
      usabilitySeverity: row.s,
      securityRisk: row.r,
      count: Number(row.n),
    }));
  }

  async trendRows(since: string): Promise<TrendRow[]> {
    const rows = await this.driver.all<{
      received_at: string;
      service: string;
      hard_to_use: number;
      insecure: number;
      workarounds: string;
    }>(
      'SELECT received_at, service, hard_to_use, insecure, workarounds FROM reports WHERE received_at >= ?',
      [since],
    );
    return rows.map((r) => ({
      receivedAt: r.received_at,
      service: r.service,
      hardToUse: r.hard_to_use === 1,
      insecure: r.insecure === 1,
      workarounds: r.workarounds.split(',').filter(Boolean),
    }));
  }
}

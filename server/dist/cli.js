import {
  OPEN_STATUSES,
  REDACTED,
  ROLES,
  SettingsError,
  TEAMS,
  TRIAGE_FIELDS,
  canonicalJson,
  commandLineEntry,
  configFromEnv,
  decideCodeExchange,
  decideSignIn,
  mintUser,
  renamedService,
  resolveService,
  sha256
} from "./chunk-CVKA4W4Y.js";
import {
  payloadFor,
  wants
} from "./chunk-3OKIYH2A.js";
import "./chunk-ODB757JU.js";
import {
  FORMER_REPORTER_ID,
  MIGRATIONS,
  statements
} from "./chunk-T4SDC4MT.js";
import "./chunk-RAPJ3XLV.js";

// server/cli.ts
import { parseArgs } from "node:util";

// server/store/open.ts
import { join } from "node:path";

// server/store/file-modes.ts
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  statSync
} from "node:fs";
var PRIVATE_DIR_MODE = 448;
var PRIVATE_FILE_MODE = 384;
var SIDE_FILES = ["-wal", "-shm", "-journal"];
function privateDirectory(dir) {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const stat = statSync(dir);
  const ours = process.getuid === void 0 || stat.uid === process.getuid();
  const sticky = (stat.mode & 512) !== 0;
  if (ours && !sticky && (stat.mode & 511) !== PRIVATE_DIR_MODE)
    chmodSync(dir, PRIVATE_DIR_MODE);
}
function privateFile(file) {
  closeSync(openSync(file, "a", PRIVATE_FILE_MODE));
  chmodSync(file, PRIVATE_FILE_MODE);
}
function tightenDatabaseFiles(file) {
  for (const path of [file, ...SIDE_FILES.map((s) => file + s)])
    if (existsSync(path)) chmodSync(path, PRIVATE_FILE_MODE);
}

// server/store/sqlite.ts
import { EventEmitter } from "node:events";
import { chmodSync as chmodSync2 } from "node:fs";
import Database from "better-sqlite3";
var GROUP_COMMIT_MAX = 128;
function toParams(params) {
  if (!params) return [];
  return params.map((p) => {
    if (p === void 0) return null;
    if (typeof p === "boolean") return p ? 1 : 0;
    return p;
  });
}
var StatementCache = class {
  constructor(db) {
    this.db = db;
  }
  db;
  cache = /* @__PURE__ */ new Map();
  prepare(sql) {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }
  allSync(sql, params) {
    return this.prepare(sql).all(...toParams(params));
  }
  async all(sql, params) {
    return this.allSync(sql, params);
  }
  async get(sql, params) {
    return this.prepare(sql).get(...toParams(params));
  }
  async run(sql, params) {
    const stmt = this.prepare(sql);
    if (stmt.reader) {
      return stmt.all(...toParams(params)).length;
    }
    return stmt.run(...toParams(params)).changes;
  }
};
function open(file, readonly) {
  const db = new Database(file, { readonly, fileMustExist: readonly });
  db.pragma("busy_timeout = 5000");
  if (!readonly) {
    db.pragma("journal_mode = WAL");
    db.pragma("synchronous = FULL");
    db.pragma("foreign_keys = ON");
    db.pragma("secure_delete = ON");
  }
  return db;
}
var SqliteDriver = class {
  constructor(file) {
    this.file = file;
    if (file !== ":memory:") privateFile(file);
    this.writer = new StatementCache(open(file, false));
    if (file !== ":memory:") tightenDatabaseFiles(file);
    this.events.setMaxListeners(0);
  }
  file;
  kind = "sqlite";
  // BEGIN IMMEDIATE already makes this connection the only writer, so the lock is a no-op.
  lockSql = "SELECT seq FROM meta WHERE id = 1";
  writer;
  reader = null;
  events = new EventEmitter();
  queue = [];
  draining = false;
  scheduled = false;
  closed = false;
  /** The raw write connection, for online backups. */
  get database() {
    return this.writer.db;
  }
  read() {
    this.reader ??= new StatementCache(open(this.file, true));
    return this.reader;
  }
  async all(sql, params) {
    return this.read().all(sql, params);
  }
  async get(sql, params) {
    return this.read().get(sql, params);
  }
  async run(sql, params) {
    return this.transaction((tx) => tx.run(sql, params));
  }
  transaction(fn) {
    if (this.closed) return Promise.reject(new Error("The store is closed"));
    return new Promise((resolve, reject) => {
      this.queue.push({ fn, resolve, reject });
      this.schedule();
    });
  }
  /**
   * Starts the next batch on the next turn of the event loop, not now. A commit's fsync blocks
   * the loop, so requests that arrived meanwhile are only parsed on the following turn; waiting
   * for it lets them all join one commit.
   */
  schedule() {
    if (this.scheduled || this.draining || this.queue.length === 0) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.drain();
    });
  }
  /**
   * Group commit: every transaction queued while the previous commit was running shares the
   * next one, each inside its own savepoint so one failure does not undo the others. One
   * fsync then covers many reports, and none is answered before its commit.
   */
  async drain() {
    this.draining = true;
    const db = this.writer.db;
    try {
      if (this.queue.length > 0) {
        const batch = this.queue.splice(0, GROUP_COMMIT_MAX);
        const outcomes = [];
        const events = [];
        try {
          db.exec("BEGIN IMMEDIATE");
          for (const job of batch) {
            const pending = [];
            const tx = {
              all: (s, p) => this.writer.all(s, p),
              get: (s, p) => this.writer.get(s, p),
              run: (s, p) => this.writer.run(s, p),
              notify: (event) => pending.push(event)
            };
            db.exec("SAVEPOINT job");
            try {
              const value = await job.fn(tx);
              db.exec("RELEASE job");
              events.push(...pending);
              outcomes.push({ ok: true, value });
            } catch (error) {
              db.exec("ROLLBACK TO job");
              db.exec("RELEASE job");
              outcomes.push({ ok: false, error });
            }
          }
          db.exec("COMMIT");
        } catch (error) {
          if (db.inTransaction) db.exec("ROLLBACK");
          for (const job of batch) job.reject(error);
          return;
        }
        batch.forEach((job, i) => {
          const outcome = outcomes[i];
          if (outcome?.ok) job.resolve(outcome.value);
          else job.reject(outcome?.error);
        });
        for (const event of events) this.events.emit("event", event);
      }
    } finally {
      this.draining = false;
      this.schedule();
    }
  }
  async migrate() {
    const db = this.writer.db;
    db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
    );
    const row = db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get();
    let current = row.v ?? 0;
    for (const migration of MIGRATIONS) {
      if (migration.version <= current) continue;
      db.transaction(() => {
        for (const sql of statements(migration.sqlite)) db.exec(sql);
        db.prepare(
          "INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"
        ).run(migration.version, (/* @__PURE__ */ new Date()).toISOString());
      }).immediate();
      current = migration.version;
    }
    return current;
  }
  async forgetDeleted() {
    while (this.draining || this.queue.length > 0) {
      await new Promise((r) => setTimeout(r, 5));
    }
    this.writer.db.pragma("wal_checkpoint(TRUNCATE)");
  }
  onEvent(listener) {
    this.events.on("event", listener);
    return () => this.events.off("event", listener);
  }
  eventsReady() {
    return Promise.resolve();
  }
  /** Online backup to `destination`, consistent even while reports keep arriving. */
  async backup(destination) {
    privateFile(destination);
    await this.writer.db.backup(destination);
    chmodSync2(destination, PRIVATE_FILE_MODE);
  }
  async close() {
    if (this.closed) return;
    this.closed = true;
    while (this.draining || this.queue.length > 0) {
      await new Promise((r) => setTimeout(r, 5));
    }
    this.reader?.db.close();
    this.writer.db.close();
  }
};

// server/domain/redaction.ts
function redactRange(text, start, end) {
  if (end <= start || end > text.length)
    return {
      ok: false,
      message: `body.end: the selection must lie within the text (0\u2013${text.length}) and not be empty`
    };
  return {
    ok: true,
    value: `${text.slice(0, start)}${REDACTED}${text.slice(end)}`
  };
}
function annotationIndex(body, itemId) {
  const index = body.annotations.findIndex((a) => a.id === itemId);
  return index;
}
function redactAnnotation(body, input) {
  const index = annotationIndex(body, input.itemId);
  const annotation = body.annotations[index];
  if (!annotation)
    return { ok: false, message: "body.itemId: no annotation has this id" };
  const field = `${input.field}:${annotation.id}`;
  if (input.field === "note") {
    const note = redactRange(annotation.note, input.start, input.end);
    if (!note.ok) return note;
    const annotations2 = body.annotations.with(index, {
      ...annotation,
      note: note.value
    });
    return {
      ok: true,
      value: { kind: "body", body: { ...body, annotations: annotations2 }, field }
    };
  }
  const quote = annotation.selectors.find(
    (s) => s.type === "TextQuoteSelector"
  );
  if (!quote)
    return {
      ok: false,
      message: "body.itemId: this annotation quotes no text"
    };
  const exact = redactRange(quote.exact, input.start, input.end);
  if (!exact.ok) return exact;
  const selectors = annotation.selectors.map(
    (s) => s === quote ? { type: s.type, exact: exact.value, prefix: "", suffix: "" } : s
  );
  const annotations = body.annotations.with(index, {
    ...annotation,
    selectors
  });
  return {
    ok: true,
    value: { kind: "body", body: { ...body, annotations }, field }
  };
}
function planRedaction(body, input, comment) {
  if (input.field === "screenshot") {
    const { screenshot: _gone, ...rest } = body;
    return {
      ok: true,
      value: { kind: "screenshot", body: rest, field: "screenshot" }
    };
  }
  switch (input.field) {
    case "trying":
    case "whatHappened": {
      const text = redactRange(body[input.field], input.start, input.end);
      if (!text.ok) return text;
      return {
        ok: true,
        value: {
          kind: "body",
          body: { ...body, [input.field]: text.value },
          field: input.field
        }
      };
    }
    case "title": {
      const title = redactRange(body.page.title, input.start, input.end);
      if (!title.ok) return title;
      return {
        ok: true,
        value: {
          kind: "body",
          body: { ...body, page: { ...body.page, title: title.value } },
          field: "title"
        }
      };
    }
    case "comment": {
      if (!comment || comment.id !== input.itemId)
        return {
          ok: false,
          message: "body.itemId: no comment on this report has this id"
        };
      const text = redactRange(comment.body, input.start, input.end);
      if (!text.ok) return text;
      return {
        ok: true,
        value: {
          kind: "comment",
          commentId: comment.id,
          body: text.value,
          field: `comment:${comment.id}`
        }
      };
    }
    default:
      return redactAnnotation(body, input);
  }
}

// server/store/sql/delivery-rows.ts
import { randomUUID } from "node:crypto";
async function insertDelivery(tx, row) {
  const id = randomUUID();
  await tx.run(
    `INSERT INTO deliveries (id, channel, webhook_id, event, payload, state, attempts, next_at,
     created_ms, created_at) VALUES (?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?)`,
    [
      id,
      row.channel,
      row.webhookId,
      row.event,
      JSON.stringify(row.payload),
      row.nowMs,
      row.nowMs,
      row.at
    ]
  );
  return id;
}

// server/store/sql/rows.ts
var REPORT_COLUMNS = `r.id, r.author_id, u.name AS author_name, u.team AS author_team, r.body,
  r.service, r.received_at, r.server_seq, r.status, r.usability_severity, r.security_risk,
  r.assignee, r.duplicate_of, r.version, r.votes, r.personal_data`;
var REPORT_FROM = "FROM reports r JOIN users u ON u.id = r.author_id";
var toUser = (row) => ({
  id: row.id,
  name: row.name,
  role: row.role,
  team: row.team,
  createdAt: row.created_at,
  revokedAt: row.revoked_at
});
var personOf = (id, name, team) => ({ id, name, team });
function placeholders(n) {
  return Array.from({ length: n }, () => "?").join(", ");
}
function reportRow(db, id) {
  return db.get(
    `SELECT ${REPORT_COLUMNS} ${REPORT_FROM} WHERE r.id = ?`,
    [id]
  );
}
async function reportExists(db, id) {
  const row = await db.get(
    "SELECT id FROM reports WHERE id = ?",
    [id]
  );
  return row !== void 0;
}

// server/store/sql/notifications.ts
async function enqueueYouSaidWeDid(tx, reportId, at) {
  const row = await tx.get(
    `SELECT r.author_id, r.body, s.email, s.language, s.you_said_we_did
     FROM reports r JOIN notification_settings s ON s.user_id = r.author_id
     WHERE r.id = ?`,
    [reportId]
  );
  if (!row || !row.email || !Number(row.you_said_we_did)) return false;
  const comment = await tx.get(
    `SELECT body FROM comments WHERE report_id = ? AND author_id <> ?
     ORDER BY created_at DESC, id DESC LIMIT 1`,
    [reportId, row.author_id]
  );
  const body = JSON.parse(row.body);
  const payload = {
    template: "you-said-we-did",
    to: row.email,
    language: row.language,
    reportId,
    title: body.page.title,
    closingComment: comment?.body ?? null
  };
  await insertDelivery(tx, {
    channel: "email",
    webhookId: null,
    event: "email.you_said_we_did",
    payload,
    nowMs: Date.parse(at),
    at
  });
  return true;
}
var PERIOD_MS = { daily: 864e5, weekly: 7 * 864e5 };
async function digestFacts(db, since) {
  const created = await db.all(
    "SELECT id, body, service FROM reports WHERE received_at >= ? ORDER BY received_at, id LIMIT 200",
    [since]
  );
  const changed = await db.all(
    `SELECT r.id, r.body, r.status FROM reports r WHERE r.id IN
     (SELECT report_id FROM triage_history WHERE at >= ?) ORDER BY r.received_at, r.id LIMIT 200`,
    [since]
  );
  const matrix = await db.all(
    `SELECT usability_severity AS severity, security_risk AS risk, COUNT(*) AS n FROM reports
     WHERE status IN (${placeholders(OPEN_STATUSES.length)})
     GROUP BY usability_severity, security_risk ORDER BY usability_severity, security_risk`,
    [...OPEN_STATUSES]
  );
  const title = (body) => JSON.parse(body).page.title;
  return {
    newReports: created.map((r) => ({
      id: r.id,
      title: title(r.body),
      service: r.service
    })),
    changed: changed.map((r) => ({
      id: r.id,
      title: title(r.body),
      status: r.status
    })),
    matrix: matrix.map((c) => ({
      severity: c.severity,
      risk: c.risk,
      count: Number(c.n)
    }))
  };
}
async function enqueueDueDigests(driver, now) {
  const people = await driver.all(
    `SELECT s.user_id, s.email, s.language, s.digest, s.last_digest_at
     FROM notification_settings s JOIN users u ON u.id = s.user_id
     WHERE s.digest <> 'off' AND s.email IS NOT NULL AND u.revoked_at IS NULL
     AND u.role IN ('reviewer', 'admin')`
  );
  let queued = 0;
  for (const p of people) {
    if (p.digest === "off" || !p.email) continue;
    const period = PERIOD_MS[p.digest];
    const last = p.last_digest_at ? Date.parse(p.last_digest_at) : null;
    if (last !== null && now.getTime() - last < period) continue;
    const since = new Date(last ?? now.getTime() - period).toISOString();
    const at = now.toISOString();
    const done = await driver.transaction(async (tx) => {
      const claimed = await tx.run(
        `UPDATE notification_settings SET last_digest_at = ?
         WHERE user_id = ? AND COALESCE(last_digest_at, '') = ?`,
        [at, p.user_id, p.last_digest_at ?? ""]
      );
      if (claimed === 0) return false;
      const payload = {
        template: "digest",
        to: p.email ?? "",
        language: p.language,
        period: p.digest === "weekly" ? "weekly" : "daily",
        ...await digestFacts(tx, since)
      };
      await insertDelivery(tx, {
        channel: "email",
        webhookId: null,
        event: "email.digest",
        payload,
        nowMs: now.getTime(),
        at
      });
      return true;
    });
    if (done) queued++;
  }
  return queued;
}

// server/store/sql/deliveries.ts
var PERSONAL_DATA_COLUMNS = [
  "personal_data",
  "contains_personal_data",
  "has_personal_data"
];
async function subscriptions(db) {
  const rows = await db.all(
    "SELECT id, kind, events, filters, include_text FROM webhooks WHERE paused = 0"
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    events: JSON.parse(r.events),
    filters: JSON.parse(r.filters),
    includeText: Boolean(r.include_text)
  }));
}
async function reportFacts(db, id) {
  const row = await db.get(
    "SELECT * FROM reports WHERE id = ?",
    [id]
  );
  if (!row) return null;
  const body = JSON.parse(String(row.body));
  const flag = PERSONAL_DATA_COLUMNS.find((c) => c in row);
  return {
    id,
    title: body.page.title,
    kinds: body.problems.map((p) => p.kind),
    service: String(row.service),
    status: String(row.status),
    usabilitySeverity: row.usability_severity ?? null,
    securityRisk: row.security_risk ?? null,
    personalData: flag ? isFlagged(row[flag]) : false,
    text: [body.trying, body.whatHappened].join("\n\n")
  };
}
async function enqueueEvent(tx, cause) {
  const subs = await subscriptions(tx);
  if (subs.length === 0) return 0;
  const report = await reportFacts(tx, cause.reportId);
  const base = {
    type: cause.type,
    at: cause.at,
    reportId: cause.reportId,
    ...cause.changes ? { changes: cause.changes } : {},
    ...cause.comment ? { comment: { id: cause.comment.id } } : {}
  };
  const nowMs = Date.parse(cause.at);
  let queued = 0;
  for (const sub of subs) {
    if (!wants(sub, cause.type, report)) continue;
    await insertDelivery(tx, {
      channel: "webhook",
      webhookId: sub.id,
      event: cause.type,
      payload: payloadFor(sub, base, report, cause.comment?.body),
      nowMs,
      at: cause.at
    });
    queued++;
  }
  return queued;
}
async function enqueueTriage(tx, reportId, changes, at) {
  await enqueueEvent(tx, { type: "report.triaged", reportId, at, changes });
  if (changes.status)
    await enqueueEvent(tx, {
      type: "report.status_changed",
      reportId,
      at,
      changes: { status: changes.status }
    });
  if (changes.status?.[1] === "fixed")
    await enqueueYouSaidWeDid(tx, reportId, at);
}
function isFlagged(value) {
  if (value === "flagged") return true;
  return typeof value === "number" || typeof value === "boolean" ? Boolean(value) : false;
}
function enqueueRedacted(tx, reportId, at) {
  return enqueueEvent(tx, { type: "report.redacted", reportId, at });
}

// server/store/sql/anchoring.ts
async function lastSeenOf(db, reportId) {
  const rows = await db.all(
    "SELECT annotation_id, quality, seen_at FROM anchoring WHERE report_id = ?",
    [reportId]
  );
  return new Map(
    rows.map((r) => [r.annotation_id, { quality: r.quality, at: r.seen_at }])
  );
}
var SqlAnchoring = class {
  constructor(driver) {
    this.driver = driver;
  }
  driver;
  /** Keeps these observations of the report's notes, each replacing the one before. */
  async record(reportId, annotations, at) {
    const entries = Object.entries(annotations);
    if (entries.length === 0) return;
    await this.driver.transaction(async (tx) => {
      for (const [annotationId, quality] of entries)
        await tx.run(
          `INSERT INTO anchoring (report_id, annotation_id, quality, seen_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (report_id, annotation_id) DO UPDATE SET quality = excluded.quality,
             seen_at = excluded.seen_at`,
          [reportId, annotationId, quality, at]
        );
    });
  }
};

// server/store/sql/report-view.ts
async function commentsOf(db, ids) {
  const rows = await db.all(
    `SELECT c.id, c.report_id, c.body, c.created_at, c.author_id, u.name, u.team
     FROM comments c JOIN users u ON u.id = c.author_id
     WHERE c.report_id IN (${placeholders(ids.length)}) ORDER BY c.created_at, c.id`,
    ids
  );
  const byReport = /* @__PURE__ */ new Map();
  for (const c of rows) {
    const list = byReport.get(c.report_id) ?? [];
    list.push({
      id: c.id,
      body: c.body,
      author: personOf(c.author_id, c.name, c.team),
      createdAt: c.created_at
    });
    byReport.set(c.report_id, list);
  }
  return byReport;
}
async function votedBy(db, viewerId, ids) {
  const rows = await db.all(
    `SELECT report_id FROM votes WHERE user_id = ? AND report_id IN (${placeholders(ids.length)})`,
    [viewerId, ...ids]
  );
  return new Set(rows.map((v) => v.report_id));
}
function storedReportOf(row, comments, votedByMe) {
  const body = JSON.parse(row.body);
  return Object.assign(body, {
    serverSeq: Number(row.server_seq),
    receivedAt: row.received_at,
    author: personOf(row.author_id, row.author_name, row.author_team),
    status: row.status,
    usabilitySeverity: row.usability_severity,
    securityRisk: row.security_risk,
    assignee: row.assignee,
    duplicateOf: row.duplicate_of,
    version: Number(row.version),
    votes: Number(row.votes),
    ...votedByMe === void 0 ? {} : { votedByMe },
    comments,
    ...row.personal_data ? { personalData: row.personal_data } : {}
  });
}
async function storedReports(db, rows, viewerId) {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const comments = await commentsOf(db, ids);
  const voted = viewerId ? await votedBy(db, viewerId, ids) : null;
  return rows.map(
    (row) => storedReportOf(row, comments.get(row.id) ?? [], voted?.has(row.id))
  );
}
async function historyOf(db, id) {
  const rows = await db.all(
    `SELECT h.at, h.changes, h.author_id, u.name, u.team
     FROM triage_history h JOIN users u ON u.id = h.author_id
     WHERE h.report_id = ? ORDER BY h.id`,
    [id]
  );
  return rows.map((r) => ({
    at: r.at,
    author: personOf(r.author_id, r.name, r.team),
    changes: JSON.parse(r.changes)
  }));
}
async function reportDetail(db, id, viewerId) {
  const row = await reportRow(db, id);
  if (!row) return null;
  const [report] = await storedReports(db, [row], viewerId);
  if (!report) return null;
  const seen = await lastSeenOf(db, id);
  const annotations = report.annotations.map((a) => {
    const lastSeen = seen.get(a.id);
    return lastSeen ? { ...a, lastSeen } : a;
  });
  return { ...report, annotations, history: await historyOf(db, id) };
}

// protocol/personal-data.ts
function isValidNhsNumber(digits) {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - sum % 11;
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}
function passesLuhn(digits) {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}
var EMAIL = /(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?![\w-])/g;
var NHS = /(?<![\d\w])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d\w])/g;
var NI = /(?<![A-Za-z0-9])(?!BG|GB|KN|NK|NT|TN|ZZ)([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])\s?(\d{2})\s?(\d{2})\s?(\d{2})\s?([A-D])(?![A-Za-z0-9])/gi;
var CARD = /(?<![\d\w])\d(?:[ -]?\d){12,18}(?![\d\w])/g;
var PHONE = /(?<![\d\w+])(?:\+44\s?\(?0?\)?\s?|\(?0)(?:\d[\s-]?\)?){8,9}\d(?![\d\w])/g;
var POSTCODE = /(?<![A-Za-z0-9])(?:[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)\s?[0-9][ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])/gi;
function* matches(re, text) {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) yield m;
}
var digitsOf = (s) => s.replace(/\D/g, "");
function findPersonalData(text) {
  const found = [];
  const taken = (start, end) => found.some((f) => start < f.end && end > f.start);
  const add = (kind, start, end) => {
    if (!taken(start, end)) found.push({ kind, start, end });
  };
  for (const m of matches(EMAIL, text))
    add("email", m.index, m.index + m[0].length);
  for (const m of matches(NI, text))
    add("ni-number", m.index, m.index + m[0].length);
  for (const m of matches(NHS, text)) {
    if (isValidNhsNumber(digitsOf(m[0])))
      add("nhs-number", m.index, m.index + m[0].length);
  }
  for (const m of matches(CARD, text)) {
    const digits = digitsOf(m[0]);
    if (digits.length >= 13 && passesLuhn(digits)) {
      add("card-number", m.index, m.index + m[0].length);
    }
  }
  for (const m of matches(PHONE, text)) {
    const digits = digitsOf(m[0]);
    const national = digits.startsWith("44") ? digits.slice(2).replace(/^0/, "") : digits.slice(1);
    if (national.length >= 9 && national.length <= 10 && /^[1-37-9]/.test(national)) {
      add("phone", m.index, m.index + m[0].length);
    }
  }
  for (const m of matches(POSTCODE, text))
    add("postcode", m.index, m.index + m[0].length);
  return found.sort((a, b) => a.start - b.start);
}

// server/domain/personal-data.ts
function reportTexts(input) {
  const texts = [input.trying, input.whatHappened, input.page.title];
  for (const annotation of input.annotations) {
    texts.push(annotation.note);
    for (const selector of annotation.selectors) {
      if (selector.type !== "TextQuoteSelector") continue;
      texts.push(selector.exact, selector.prefix ?? "", selector.suffix ?? "");
    }
  }
  return texts;
}
function personalDataFlag(input) {
  return reportTexts(input).some((text) => findPersonalData(text).length > 0) ? "flagged" : null;
}

// server/domain/reports.ts
function reportHash(input) {
  return sha256(canonicalJson(input));
}
function planPut(existing, authorId, hash) {
  if (!existing) return "create";
  if (existing.authorId !== authorId) return "forbidden";
  return existing.bodyHash === hash ? "unchanged" : "update";
}
function withService(input, service) {
  return { ...input, page: { ...input.page, service } };
}
function newReport(body, receipt) {
  return {
    ...body,
    serverSeq: receipt.serverSeq,
    receivedAt: receipt.receivedAt,
    author: receipt.author,
    status: "new",
    usabilitySeverity: null,
    securityRisk: null,
    assignee: null,
    duplicateOf: null,
    version: 0,
    votes: 0,
    votedByMe: false,
    comments: [],
    ...receipt.personalData ? { personalData: receipt.personalData } : {}
  };
}

// server/store/sql/sequence.ts
async function lockWrites(tx, driver) {
  await tx.get(driver.lockSql);
}
async function nextSeq(tx) {
  const row = await tx.get(
    "UPDATE meta SET seq = seq + 1 WHERE id = 1 RETURNING seq"
  );
  if (!row) throw new Error("The meta row is missing");
  return Number(row.seq);
}

// server/store/sql/catalogue.ts
async function readCatalogue(db) {
  const rows = await db.all("SELECT hostname, path_prefix, name FROM services ORDER BY position");
  return rows.map((r) => ({
    hostname: r.hostname,
    pathPrefix: r.path_prefix,
    name: r.name
  }));
}
var SqlCatalogue = class {
  constructor(driver) {
    this.driver = driver;
  }
  driver;
  /** The whole catalogue. */
  get() {
    return readCatalogue(this.driver);
  }
  /** Replaces the whole catalogue with these entries, in this order. */
  async put(entries) {
    await this.driver.transaction(async (tx) => {
      await tx.run("DELETE FROM services");
      let position = 0;
      for (const e of entries) {
        await tx.run(
          "INSERT INTO services (position, hostname, path_prefix, name) VALUES (?, ?, ?, ?)",
          [position++, e.hostname, e.pathPrefix, e.name]
        );
      }
    });
  }
  /** Names every report by the catalogue again; answers how many were renamed. */
  reapply(_at) {
    return this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      const catalogue = await readCatalogue(tx);
      const rows = await tx.all(
        "SELECT id, page_url, client_service, service, body FROM reports ORDER BY server_seq"
      );
      let changed = 0;
      for (const row of rows) {
        const service = renamedService(catalogue, {
          pageUrl: row.page_url,
          clientService: row.client_service,
          service: row.service
        });
        if (service === null) continue;
        await this.rename(tx, row, service);
        changed++;
      }
      return changed;
    });
  }
  /** Gives one report a new service name, as a new change. */
  async rename(tx, row, service) {
    const seq = await nextSeq(tx);
    const body = withService(JSON.parse(row.body), service);
    await tx.run(
      "UPDATE reports SET service = ?, body = ?, server_seq = ? WHERE id = ?",
      [service, JSON.stringify(body), seq, row.id]
    );
    tx.notify({ type: "report-updated", id: row.id, serverSeq: seq });
  }
};

// server/store/sql/reports.ts
var CONTENT_COLUMNS = [
  "body",
  "body_hash",
  "service",
  "client_service",
  "page_url",
  "hostname",
  "page_path",
  "hard_to_use",
  "insecure",
  "categories",
  "workarounds",
  "data_involved",
  "search_text",
  "personal_data"
];
var UPDATE_CONTENT = `UPDATE reports SET ${CONTENT_COLUMNS.map((c) => `${c} = ?`).join(", ")},
  server_seq = ? WHERE id = ?`;
var INSERT_REPORT = `INSERT INTO reports (id, author_id, ${CONTENT_COLUMNS.join(", ")},
  received_at, server_seq, status, usability_severity, security_risk, assignee, duplicate_of,
  version, votes)
  VALUES (?, ?, ${CONTENT_COLUMNS.map(() => "?").join(", ")}, ?, ?, 'new', NULL, NULL, NULL,
  NULL, 0, 0)`;
function searchText(input) {
  return [
    input.trying,
    input.whatHappened,
    input.page.title,
    ...input.annotations.map((a) => a.note)
  ].join("\n").toLowerCase();
}
function contentValues(body, hash, clientService) {
  const url = new URL(body.page.url);
  const hard = body.problems.find((p) => p.kind === "hard-to-use");
  const insecure = body.problems.find((p) => p.kind === "insecure-workaround");
  return [
    JSON.stringify(body),
    hash,
    body.page.service,
    clientService,
    body.page.url,
    url.hostname.toLowerCase(),
    url.pathname,
    hard ? 1 : 0,
    insecure ? 1 : 0,
    `,${hard?.usabilityCategories.join(",") ?? ""},`,
    `,${insecure?.workarounds.join(",") ?? ""},`,
    insecure?.dataInvolved ?? null,
    searchText(body),
    personalDataFlag(body)
  ];
}
var SqlReports = class {
  constructor(driver) {
    this.driver = driver;
  }
  driver;
  /** One report with its history, as `viewerId` sees it. */
  get(id, viewerId) {
    return reportDetail(this.driver, id, viewerId);
  }
  /** The report's author, or null if there is no such report. */
  async author(id) {
    const row = await this.driver.get(
      "SELECT author_id FROM reports WHERE id = ?",
      [id]
    );
    return row?.author_id ?? null;
  }
  /** Stores a report, or answers why not; a retry of the same body changes nothing. */
  async put(input, author, at) {
    const hash = reportHash(input);
    const seen = planPut(
      await this.storedBody(this.driver, input.id),
      author.id,
      hash
    );
    if (seen === "forbidden") return { kind: "forbidden" };
    if (seen === "unchanged") {
      const report2 = await this.get(input.id, author.id);
      if (report2) return { kind: "unchanged", report: report2 };
    }
    const written = await this.driver.transaction(
      (tx) => this.write(tx, input, hash, author, at)
    );
    if (written === "forbidden") return { kind: written };
    if (typeof written === "object")
      return { kind: "created", report: written };
    const report = await this.get(input.id, author.id);
    if (!report) throw new Error("A committed report could not be read back");
    return { kind: written, report };
  }
  async storedBody(db, id) {
    const row = await db.get(
      "SELECT author_id, body_hash FROM reports WHERE id = ?",
      [id]
    );
    return row ? { authorId: row.author_id, bodyHash: row.body_hash } : null;
  }
  /** Decides the PUT again under the lock, then writes what was decided. */
  async write(tx, input, hash, author, at) {
    await lockWrites(tx, this.driver);
    const plan = planPut(await this.storedBody(tx, input.id), author.id, hash);
    if (plan === "forbidden" || plan === "unchanged") return plan;
    const service = resolveService(
      await readCatalogue(tx),
      input.page.url,
      input.page.service
    );
    const body = withService(input, service);
    const seq = await nextSeq(tx);
    const content = contentValues(body, hash, input.page.service);
    if (plan === "update") {
      await tx.run(UPDATE_CONTENT, [...content, seq, input.id]);
      tx.notify({ type: "report-updated", id: input.id, serverSeq: seq });
      return "updated";
    }
    await tx.run(INSERT_REPORT, [input.id, author.id, ...content, at, seq]);
    await enqueueEvent(tx, { type: "report.created", reportId: input.id, at });
    tx.notify({ type: "report-created", id: input.id, serverSeq: seq });
    return newReport(body, {
      serverSeq: seq,
      receivedAt: at,
      author: personOf(author.id, author.name, author.team),
      personalData: personalDataFlag(body)
    });
  }
};

// server/store/sql/redactions.ts
var SqlRedactions = class {
  constructor(driver) {
    this.driver = driver;
  }
  driver;
  /** Redacts one field of a report, or removes its screenshot. */
  async redact(id, input, authorId, at) {
    const outcome = await this.driver.transaction(
      (tx) => this.write(tx, id, input, authorId, at)
    );
    if (outcome.kind !== "ok") return outcome;
    await this.driver.forgetDeleted();
    const report = await reportDetail(this.driver, id);
    return report ? { kind: "ok", report } : { kind: "not-found" };
  }
  async write(tx, id, input, authorId, at) {
    await lockWrites(tx, this.driver);
    const row = await tx.get(
      "SELECT body FROM reports WHERE id = ?",
      [id]
    );
    if (!row) return { kind: "not-found" };
    const comment = input.field === "comment" && input.itemId ? await tx.get(
      "SELECT id, body FROM comments WHERE id = ? AND report_id = ?",
      [input.itemId, id]
    ) ?? null : null;
    const plan = planRedaction(
      JSON.parse(row.body),
      input,
      comment
    );
    if (!plan.ok) return { kind: "bad", message: plan.message };
    const seq = await nextSeq(tx);
    if (plan.value.kind === "comment") {
      await tx.run("UPDATE comments SET body = ? WHERE id = ?", [
        plan.value.body,
        plan.value.commentId
      ]);
    } else {
      await tx.run(
        "UPDATE reports SET body = ?, search_text = ? WHERE id = ?",
        [JSON.stringify(plan.value.body), searchText(plan.value.body), id]
      );
    }
    if (plan.value.kind === "screenshot")
      await tx.run("DELETE FROM screenshots WHERE report_id = ?", [id]);
    await this.touch(tx, id, seq, authorId, at, {
      redacted: [null, plan.value.field]
    });
    await enqueueRedacted(tx, id, at);
    return { kind: "ok" };
  }
  /** A reviewer says the flagged report holds no personal data (any more). */
  async clearPersonalData(id, authorId, at) {
    const found = await this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      const row = await tx.get(
        "SELECT personal_data FROM reports WHERE id = ?",
        [id]
      );
      if (!row) return false;
      if (row.personal_data !== "flagged") return true;
      await this.touch(tx, id, await nextSeq(tx), authorId, at, {
        personalData: ["flagged", "cleared"]
      });
      return true;
    });
    const report = found ? await reportDetail(this.driver, id) : null;
    return report ? { kind: "ok", report } : { kind: "not-found" };
  }
  /** Marks the report cleared and changed, and writes who did it to its history. */
  async touch(tx, id, seq, authorId, at, changes) {
    await tx.run(
      `UPDATE reports SET personal_data = CASE WHEN personal_data IS NULL THEN NULL ELSE 'cleared' END,
       server_seq = ?, version = version + 1 WHERE id = ?`,
      [seq, id]
    );
    await tx.run(
      "INSERT INTO triage_history (report_id, author_id, at, changes) VALUES (?, ?, ?, ?)",
      [id, authorId, at, JSON.stringify(changes)]
    );
    tx.notify({ type: "report-updated", id, serverSeq: seq });
  }
};

// server/domain/retention.ts
var CLOSED_STATUSES = [
  "fixed",
  "wont-fix",
  "duplicate"
];
function isClosed(status) {
  return CLOSED_STATUSES.includes(status);
}
function retentionCutoff(now, days) {
  return new Date(now.getTime() - days * 864e5).toISOString();
}
function summariseRun(cutoff, items) {
  return {
    cutoff,
    items,
    screenshotsDeleted: items.filter((i) => i.screenshot).length,
    reportersAnonymised: items.filter((i) => i.named).length
  };
}

// server/store/sql/retention.ts
var DUE = `r.status IN (${placeholders(CLOSED_STATUSES.length)})
  AND r.closed_at IS NOT NULL AND r.closed_at <= ?`;
var SqlRetention = class {
  constructor(driver) {
    this.driver = driver;
  }
  driver;
  /** Closed reports past `cutoff` with something left to delete or anonymise. */
  async due(cutoff, db = this.driver) {
    const rows = await db.all(
      `SELECT r.id, r.status, r.closed_at,
         CASE WHEN s.report_id IS NULL THEN 0 ELSE 1 END AS screenshot,
         CASE WHEN r.author_id = ? THEN 0 ELSE 1 END AS named
       FROM reports r LEFT JOIN screenshots s ON s.report_id = r.id
       WHERE ${DUE} AND (s.report_id IS NOT NULL OR r.author_id <> ?)
       ORDER BY r.closed_at, r.id`,
      [FORMER_REPORTER_ID, ...CLOSED_STATUSES, cutoff, FORMER_REPORTER_ID]
    );
    return rows.map((r) => ({
      id: r.id,
      status: r.status,
      closedAt: r.closed_at,
      screenshot: Number(r.screenshot) === 1,
      named: Number(r.named) === 1
    }));
  }
  /** Deletes the screenshots and anonymises the reporters of what is due; answers what it did. */
  async apply(cutoff) {
    const items = await this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      const due = await this.due(cutoff, tx);
      const ids = due.map((i) => i.id);
      if (ids.length === 0) return due;
      await tx.run(
        `DELETE FROM screenshots WHERE report_id IN (${placeholders(ids.length)})`,
        ids
      );
      await tx.run(
        `UPDATE reports SET author_id = ? WHERE id IN (${placeholders(ids.length)})`,
        [FORMER_REPORTER_ID, ...ids]
      );
      return due;
    });
    if (items.length > 0) await this.driver.forgetDeleted();
    return items;
  }
};

// server/store/sql/audit.ts
var toEntry = (row) => ({
  id: Number(row.id),
  at: row.at,
  actor: row.actor_id ? { id: row.actor_id, name: row.actor_name } : null,
  action: row.action,
  target: row.target,
  detail: JSON.parse(row.detail),
  address: row.address
});
var SqlAudit = class {
  constructor(driver) {
    this.driver = driver;
  }
  driver;
  /** Appends one entry. */
  async append(entry) {
    await this.driver.run(
      `INSERT INTO audit_log (at, actor_id, actor_name, action, target, detail, address)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [
        entry.at,
        entry.actor?.id ?? null,
        entry.actor?.name ?? "Snag",
        entry.action,
        entry.target,
        JSON.stringify(entry.detail),
        entry.address
      ]
    );
  }
  /** Up to `limit` entries older than the entry `before` (newest first), of one action if given. */
  async list(query) {
    const where = [];
    const params = [];
    if (query.action) {
      where.push("action = ?");
      params.push(query.action);
    }
    if (query.before !== void 0) {
      where.push("id < ?");
      params.push(query.before);
    }
    const rows = await this.driver.all(
      `SELECT id, at, actor_id, actor_name, action, target, detail, address FROM audit_log
       ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY id DESC LIMIT ?`,
      [...params, query.limit]
    );
    return rows.map(toEntry);
  }
};

// server/store/sql/changes.ts
var SqlChanges = class {
  constructor(driver) {
    this.driver = driver;
  }
  driver;
  /**
   * Up to `limit` reports changed after `since`, as `viewerId` sees them.
   * @param onlyFor - when given, only reports this user wrote or voted for
   */
  async read(since, limit, viewerId, onlyFor) {
    const scope = onlyFor ? ` AND (r.author_id = ? OR EXISTS (SELECT 1 FROM votes v WHERE v.report_id = r.id AND v.user_id = ?))` : "";
    const rows = await this.driver.all(
      `SELECT ${REPORT_COLUMNS} ${REPORT_FROM} WHERE r.server_seq > ?${scope} ORDER BY r.server_seq LIMIT ?`,
      [since, ...onlyFor ? [onlyFor, onlyFor] : [], limit + 1]
    );
    const page = rows.slice(0, limit);
    const reports = await storedReports(this.driver, page, viewerId);
    const last = page[page.length - 1];
    return {
      changes: reports.map((report) => ({
        cursor: String(report.serverSeq),
        report
      })),
      last: last ? Number(last.server_seq) : null,
      hasMore: rows.length > limit
    };
  }
  /** The same page, each report serialised as the feed sends it. */
  async readJson(since, limit, viewerId) {
    const slice = await this.read(since, limit, viewerId);
    return {
      items: slice.changes.map(({ report }) => ({
        serverSeq: report.serverSeq,
        json: JSON.stringify(report)
      })),
      hasMore: slice.hasMore
    };
  }
};

// server/domain/discussion.ts
function planComment(existing, request) {
  if (!existing) return { kind: "create" };
  const same = existing.reportId === request.reportId && existing.authorId === request.authorId && existing.body === request.body;
  return same ? { kind: "exists", createdAt: existing.createdAt } : { kind: "conflict" };
}
function commentOf(input, author, createdAt) {
  return { id: input.id, body: input.body, createdAt, author };
}
function votesAfter(votes, on, changed) {
  if (!changed) return votes;
  return votes + (on ? 1 : -1);
}

// server/store/sql/comments.ts
async function storedComment(db, id) {
  const row = await db.get(
    "SELECT report_id, author_id, body, created_at FROM comments WHERE id = ?",
    [id]
  );
  return row ? {
    reportId: row.report_id,
    authorId: row.author_id,
    body: row.body,
    createdAt: row.created_at
  } : null;
}
var SqlComments = class {
  constructor(driver) {
    this.driver = driver;
  }
  driver;
  /** Adds a comment, or answers the one a retry already stored. */
  async add(reportId, input, author, at) {
    const request = { reportId, authorId: author.id, body: input.body };
    const asComment = (createdAt) => commentOf(
      input,
      personOf(author.id, author.name, author.team),
      createdAt
    );
    const seen = planComment(
      await storedComment(this.driver, input.id),
      request
    );
    if (seen.kind === "exists")
      return { kind: "exists", comment: asComment(seen.createdAt) };
    if (seen.kind === "conflict") return seen;
    return this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      const plan = planComment(await storedComment(tx, input.id), request);
      if (plan.kind === "exists")
        return { kind: "exists", comment: asComment(plan.createdAt) };
      if (plan.kind === "conflict") return plan;
      if (!await reportExists(tx, reportId)) return { kind: "not-found" };
      await this.insert(tx, reportId, input, author.id, at);
      return { kind: "created", comment: asComment(at) };
    });
  }
  async insert(tx, reportId, input, authorId, at) {
    const seq = await nextSeq(tx);
    await tx.run(
      "INSERT INTO comments (id, report_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)",
      [input.id, reportId, authorId, input.body, at]
    );
    await tx.run("UPDATE reports SET server_seq = ? WHERE id = ?", [
      seq,
      reportId
    ]);
    await enqueueEvent(tx, {
      type: "comment.created",
      reportId,
      at,
      comment: { id: input.id, body: input.body }
    });
    tx.notify({ type: "report-updated", id: reportId, serverSeq: seq });
  }
};

// server/store/sql/delivery-queue.ts
var SqlDeliveryQueue = class {
  constructor(driver) {
    this.driver = driver;
  }
  driver;
  /** Claims up to `limit` due deliveries for `leaseMs`. */
  claim(limit, nowMs, leaseMs) {
    return this.driver.transaction(
      (tx) => this.claimIn(tx, limit, nowMs, leaseMs)
    );
  }
  async claimIn(tx, limit, nowMs, leaseMs) {
    const lock = this.driver.kind === "postgres" ? "FOR UPDATE OF d SKIP LOCKED" : "";
    const due = await tx.all(
      `SELECT d.id FROM deliveries d LEFT JOIN webhooks w ON w.id = d.webhook_id
       WHERE d.state IN ('pending', 'delivering') AND d.next_at <= ?
       AND (d.webhook_id IS NULL OR w.paused = 0)
       ORDER BY d.next_at LIMIT ? ${lock}`,
      [nowMs, limit]
    );
    if (due.length === 0) return [];
    const ids = due.map((r) => r.id);
    await tx.run(
      `UPDATE deliveries SET state = 'delivering', attempts = attempts + 1, next_at = ?,
       lease_until = ? WHERE id IN (${placeholders(ids.length)})`,
      [nowMs + leaseMs, nowMs + leaseMs, ...ids]
    );
    const rows = await tx.all(
      `SELECT d.id, d.channel, d.webhook_id, d.event, d.payload, d.attempts, d.created_ms,
       w.url, w.kind, w.secret, w.previous_secret, w.previous_until
       FROM deliveries d LEFT JOIN webhooks w ON w.id = d.webhook_id
       WHERE d.id IN (${placeholders(ids.length)}) ORDER BY d.next_at`,
      ids
    );
    return rows.map((r) => ({
      id: r.id,
      channel: r.channel,
      webhookId: r.webhook_id,
      event: r.event,
      payload: r.payload,
      attempt: Number(r.attempts),
      createdMs: Number(r.created_ms),
      webhook: r.url && r.kind && r.secret ? {
        url: r.url,
        kind: r.kind,
        secret: r.secret,
        previousSecret: r.previous_secret,
        previousUntil: r.previous_until
      } : null
    }));
  }
  /**
   * Records how attempt `attempt` went; a worker whose lease was overtaken (the row was
   * claimed again since) records nothing. Answers whether it recorded.
   */
  async record(id, attempt, outcome, at) {
    const guard = "WHERE id = ? AND attempts = ? AND state = 'delivering'";
    if (outcome.kind === "delivered") {
      const n2 = await this.driver.run(
        `UPDATE deliveries SET state = 'delivered', delivered_at = ?, lease_until = NULL,
         last_status = ?, last_latency_ms = ?, last_response = ?, last_error = NULL ${guard}`,
        [at, outcome.status, outcome.latencyMs, outcome.response, id, attempt]
      );
      return n2 > 0;
    }
    const n = await this.driver.run(
      `UPDATE deliveries SET state = ?, next_at = ?, lease_until = NULL, last_status = ?,
       last_latency_ms = ?, last_response = ?, last_error = ? ${guard}`,
      [
        outcome.kind === "retry" ? "pending" : "failed",
        outcome.nextMs ?? Date.parse(at),
        outcome.status,
        outcome.latencyMs,
        outcome.response,
        outcome.error,
        id,
        attempt
      ]
    );
    return n > 0;
  }
  /** Puts a delivery back in the queue, due now, with a fresh 24 hours; same id. */
  async redeliver(webhookId, deliveryId, nowMs) {
    const n = await this.driver.run(
      `UPDATE deliveries SET state = 'pending', attempts = 0, next_at = ?, created_ms = ?,
       lease_until = NULL, delivered_at = NULL WHERE id = ? AND webhook_id = ?
       AND state <> 'delivering'`,
      [nowMs, nowMs, deliveryId, webhookId]
    );
    return n > 0;
  }
  /** The last 100 deliveries to a subscription, newest first. */
  async log(webhookId, limit = 100) {
    const rows = await this.driver.all(
      `SELECT id, event, state, attempts, created_at, delivered_at, next_at, last_status,
       last_latency_ms, last_response, last_error FROM deliveries WHERE webhook_id = ?
       ORDER BY created_ms DESC, id DESC LIMIT ?`,
      [webhookId, limit]
    );
    return rows.map((r) => ({
      id: r.id,
      event: r.event,
      state: r.state,
      attempts: Number(r.attempts),
      createdAt: r.created_at,
      deliveredAt: r.delivered_at,
      nextAttemptAt: r.state === "pending" ? new Date(Number(r.next_at)).toISOString() : null,
      responseStatus: r.last_status,
      latencyMs: r.last_latency_ms,
      response: r.last_response,
      error: r.last_error
    }));
  }
  /** How many deliveries are in each state (for health and benches). */
  async counts() {
    const rows = await this.driver.all(
      "SELECT state, COUNT(*) AS n FROM deliveries GROUP BY state"
    );
    return Object.fromEntries(rows.map((r) => [r.state, Number(r.n)]));
  }
};

// server/store/sql/devices.ts
async function insertTokens(db, deviceId, tokens, at) {
  await db.run(
    "INSERT INTO device_tokens (token_hash, device_id, kind, created_at, expires_at) VALUES (?, ?, ?, ?, ?), (?, ?, ?, ?, ?)",
    [
      tokens.access.hash,
      deviceId,
      "access",
      at,
      tokens.access.expiresAt,
      tokens.refresh.hash,
      deviceId,
      "refresh",
      at,
      tokens.refresh.expiresAt
    ]
  );
}
async function signOut(db, deviceId, reason, at) {
  const changed = await db.run(
    "UPDATE devices SET signed_out_at = ?, signed_out_reason = ? WHERE id = ? AND signed_out_at IS NULL",
    [at, reason, deviceId]
  );
  return changed > 0;
}
var SqlDevices = class {
  constructor(driver) {
    this.driver = driver;
  }
  driver;
  /** Keeps a code for the extension, forgetting expired ones. */
  saveCode(code) {
    return this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      await tx.run("DELETE FROM sign_in_codes WHERE expires_at <= ?", [
        code.createdAt
      ]);
      await tx.run(
        `INSERT INTO sign_in_codes (code_hash, user_id, client_redirect, client_challenge, device_name,
           provider_refresh, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          code.codeHash,
          code.userId,
          code.clientRedirect,
          code.clientChallenge,
          code.deviceName,
          code.providerRefresh,
          code.createdAt,
          code.expiresAt
        ]
      );
    });
  }
  /** Trades a code for a device and its first tokens. */
  exchangeCode(codeHash, input, device, at) {
    return this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      const row = await tx.get(
        `SELECT user_id, client_redirect, client_challenge, device_name, provider_refresh, expires_at,
           used_at, device_id FROM sign_in_codes WHERE code_hash = ?`,
        [codeHash]
      );
      const decision = decideCodeExchange(
        row ? {
          clientRedirect: row.client_redirect,
          clientChallenge: row.client_challenge,
          expiresAt: row.expires_at,
          usedAt: row.used_at,
          deviceId: row.device_id
        } : null,
        input,
        at
      );
      if (decision.kind === "refused") {
        if (decision.signOutDevice)
          await signOut(tx, decision.signOutDevice, "refresh-reused", at);
        return { kind: "refused", message: decision.message };
      }
      if (!row) throw new Error("A code was accepted without a row");
      const user2 = await tx.get(
        "SELECT id, name, role, team, created_at, revoked_at FROM users WHERE id = ?",
        [row.user_id]
      );
      if (!user2 || user2.revoked_at !== null)
        return {
          kind: "refused",
          message: "This Snag account has been switched off"
        };
      await tx.run(
        "UPDATE sign_in_codes SET used_at = ?, device_id = ? WHERE code_hash = ?",
        [at, device.id, codeHash]
      );
      await tx.run(
        `INSERT INTO devices (id, user_id, name, provider_refresh, created_at, refreshed_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
        [device.id, row.user_id, row.device_name, row.provider_refresh, at, at]
      );
      await insertTokens(tx, device.id, device.tokens, at);
      return { kind: "issued", user: toUser(user2), deviceId: device.id };
    });
  }
  /** A refresh token with its device and user. */
  async refreshToken(hash) {
    const row = await this.driver.get(
      `SELECT t.device_id, t.expires_at, t.used_at, d.signed_out_at, d.signed_out_reason,
         d.provider_refresh, d.user_id, u.revoked_at
       FROM device_tokens t JOIN devices d ON d.id = t.device_id JOIN users u ON u.id = d.user_id
       WHERE t.token_hash = ? AND t.kind = 'refresh'`,
      [hash]
    );
    if (!row) return null;
    return {
      deviceId: row.device_id,
      expiresAt: row.expires_at,
      usedAt: row.used_at,
      signedOut: row.signed_out_at !== null,
      signedOutReason: row.signed_out_reason,
      userRevoked: row.revoked_at !== null,
      userId: row.user_id,
      providerRefresh: row.provider_refresh
    };
  }
  /** Uses a refresh token and stores the next pair, if it is still unused; answers the user. */
  rotateRefresh(hash, deviceId, tokens, providerRefresh, at) {
    return this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      const used = await tx.run(
        "UPDATE device_tokens SET used_at = ? WHERE token_hash = ? AND kind = 'refresh' AND used_at IS NULL",
        [at, hash]
      );
      if (used === 0) return null;
      const live = await tx.run(
        "UPDATE devices SET refreshed_at = ? WHERE id = ? AND signed_out_at IS NULL",
        [at, deviceId]
      );
      if (live === 0) return null;
      if (providerRefresh !== void 0) {
        await tx.run("UPDATE devices SET provider_refresh = ? WHERE id = ?", [
          providerRefresh,
          deviceId
        ]);
      }
      await tx.run(
        "DELETE FROM device_tokens WHERE device_id = ? AND expires_at <= ?",
        [deviceId, at]
      );
      await insertTokens(tx, deviceId, tokens, at);
      const user2 = await tx.get(
        `SELECT u.id, u.name, u.role, u.team, u.created_at, u.revoked_at
         FROM devices d JOIN users u ON u.id = d.user_id WHERE d.id = ?`,
        [deviceId]
      );
      return user2 ? toUser(user2) : null;
    });
  }
  /** Signs a device out; false if it already was (or does not exist). */
  signOut(deviceId, reason, at) {
    return this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      const done = await signOut(tx, deviceId, reason, at);
      if (done) tx.notify({ type: "access-changed" });
      return done;
    });
  }
  /** The device holding an access token, with its user. */
  async byAccessHash(hash) {
    const row = await this.driver.get(
      `SELECT u.id, u.name, u.role, u.team, u.created_at, u.revoked_at, t.device_id, t.expires_at,
         d.signed_out_at, d.signed_out_reason
       FROM device_tokens t JOIN devices d ON d.id = t.device_id JOIN users u ON u.id = d.user_id
       WHERE t.token_hash = ? AND t.kind = 'access'`,
      [hash]
    );
    if (!row) return null;
    return {
      user: toUser(row),
      deviceId: row.device_id,
      expiresAt: row.expires_at,
      signedOut: row.signed_out_at !== null,
      signedOutReason: row.signed_out_reason,
      userRevoked: row.revoked_at !== null
    };
  }
  /** Every signed-in device of a live user, newest first. */
  async list() {
    const rows = await this.driver.all(
      `SELECT d.id, d.user_id, u.name AS user_name, u.role, d.name, d.created_at, d.refreshed_at
       FROM devices d JOIN users u ON u.id = d.user_id
       WHERE d.signed_out_at IS NULL AND u.revoked_at IS NULL
       ORDER BY d.created_at DESC, d.id`
    );
    return rows.map((r) => ({
      id: r.id,
      userId: r.user_id,
      userName: r.user_name,
      role: r.role,
      name: r.name,
      signedInAt: r.created_at,
      lastRefreshedAt: r.refreshed_at
    }));
  }
};

// server/store/sql/users.ts
var USER_COLUMNS = "id, name, role, team, created_at, revoked_at";
var INSERT_USER = "INSERT INTO users (id, name, role, team, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)";
async function insertUser(db, user2) {
  await db.run(INSERT_USER, [
    user2.id,
    user2.name,
    user2.role,
    user2.team,
    user2.tokenHash,
    user2.createdAt
  ]);
}
var SqlUsers = class {
  constructor(driver) {
    this.driver = driver;
  }
  driver;
  /** Adds a user. */
  create(user2) {
    return insertUser(this.driver, user2);
  }
  /** Adds `user` only if there are no users at all; answers whether it did. */
  createFirstAdmin(user2) {
    return this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      const row = await tx.get(
        "SELECT CAST(COUNT(*) AS INTEGER) AS n FROM users WHERE id <> ?",
        [FORMER_REPORTER_ID]
      );
      if (Number(row?.n ?? 0) > 0) return false;
      await insertUser(tx, user2);
      return true;
    });
  }
  /** Every user, revoked ones included, oldest first, with whether a council account is linked. */
  async list() {
    const rows = await this.driver.all(
      `SELECT ${USER_COLUMNS},
         CASE WHEN EXISTS (SELECT 1 FROM identities i WHERE i.user_id = users.id) THEN 1 ELSE 0 END AS council_account
       FROM users WHERE id <> ? ORDER BY created_at, id`,
      // The account retention hands anonymised reports to is nobody an admin manages.
      [FORMER_REPORTER_ID]
    );
    return rows.map((row) => ({
      ...toUser(row),
      councilAccount: Number(row.council_account) === 1
    }));
  }
  /** The live (not revoked) user holding a token with this hash. */
  async byTokenHash(tokenHash) {
    const row = await this.driver.get(
      `SELECT ${USER_COLUMNS} FROM users WHERE token_hash = ? AND revoked_at IS NULL`,
      [tokenHash]
    );
    return row ? toUser(row) : null;
  }
  /** Whether this token hash belongs to a user who has been revoked. */
  async tokenHashRevoked(tokenHash) {
    const row = await this.driver.get(
      "SELECT id FROM users WHERE token_hash = ? AND revoked_at IS NOT NULL",
      [tokenHash]
    );
    return row !== void 0;
  }
  /**
   * Revokes a user and ends everything they are signed in with: their sessions and, with the
   * reason they will be shown, their devices. Answers false if no such live user.
   */
  revoke(id, at) {
    return this.driver.transaction(async (tx) => {
      const changed = await tx.run(
        "UPDATE users SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
        [at, id]
      );
      await tx.run("DELETE FROM sessions WHERE user_id = ?", [id]);
      await tx.run(
        "UPDATE devices SET signed_out_at = ?, signed_out_reason = 'account-revoked' WHERE user_id = ? AND signed_out_at IS NULL",
        [at, id]
      );
      tx.notify({ type: "access-changed", userId: id });
      return changed > 0;
    });
  }
  /** Starts a dashboard session, clearing out expired ones on the way. */
  async createSession(idHash, userId, csrfToken, at, expiresAt) {
    await this.driver.transaction(async (tx) => {
      await tx.run("DELETE FROM sessions WHERE expires_at <= ?", [at]);
      await tx.run(
        "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        [idHash, userId, csrfToken, at, expiresAt]
      );
    });
  }
  /** The live session with this id hash at `now`, and whose it is. */
  async session(idHash, now) {
    const row = await this.driver.get(
      `SELECT u.id, u.name, u.role, u.team, u.created_at, u.revoked_at, s.csrf_token, s.expires_at
       FROM sessions s JOIN users u ON u.id = s.user_id
       WHERE s.id_hash = ? AND s.expires_at > ? AND u.revoked_at IS NULL`,
      [idHash, now]
    );
    return row ? {
      user: toUser(row),
      csrfToken: row.csrf_token,
      expiresAt: row.expires_at
    } : null;
  }
  /** Ends a session. */
  async deleteSession(idHash) {
    await this.driver.transaction(async (tx) => {
      const row = await tx.get(
        "SELECT user_id FROM sessions WHERE id_hash = ?",
        [idHash]
      );
      await tx.run("DELETE FROM sessions WHERE id_hash = ?", [idHash]);
      if (row) tx.notify({ type: "access-changed", userId: row.user_id });
    });
  }
};

// server/store/sql/identities.ts
async function knownUser(db, sql, params) {
  const row = await db.get(
    sql,
    params
  );
  return row ? { id: row.id, revoked: row.revoked_at !== null } : null;
}
var SqlIdentities = class {
  constructor(driver) {
    this.driver = driver;
  }
  driver;
  /**
   * Applies a provider sign-in: finds who the identity and the linking token holder are,
   * asks the rule what that means, and writes it, all under the write lock so two first
   * sign-ins of one person make one user.
   */
  signIn(input) {
    return this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      const owner = await knownUser(
        tx,
        "SELECT u.id, u.revoked_at FROM identities i JOIN users u ON u.id = i.user_id WHERE i.issuer = ? AND i.subject = ?",
        [input.issuer, input.subject]
      );
      const linkTo = input.linkUserId ? await knownUser(tx, "SELECT id, revoked_at FROM users WHERE id = ?", [
        input.linkUserId
      ]) : null;
      const decision = decideSignIn({ owner, linkTo });
      if (decision.kind === "refused") return decision;
      let userId;
      if (decision.kind === "create") {
        userId = input.newUser.id;
        await insertUser(tx, {
          ...input.newUser,
          name: input.name,
          role: input.role
        });
      } else {
        userId = decision.userId;
        await tx.run("UPDATE users SET role = ?, name = ? WHERE id = ?", [
          input.role,
          input.name,
          userId
        ]);
        tx.notify({ type: "access-changed", userId });
      }
      if (decision.kind === "existing") {
        await tx.run(
          "UPDATE identities SET last_sign_in_at = ? WHERE issuer = ? AND subject = ?",
          [input.at, input.issuer, input.subject]
        );
      } else {
        await tx.run(
          "INSERT INTO identities (issuer, subject, user_id, created_at, last_sign_in_at) VALUES (?, ?, ?, ?, ?)",
          [input.issuer, input.subject, userId, input.at, input.at]
        );
      }
      const row = await tx.get(
        "SELECT id, name, role, team, created_at, revoked_at FROM users WHERE id = ?",
        [userId]
      );
      if (!row) throw new Error(`User ${userId} vanished while signing in`);
      return {
        kind: "signed-in",
        user: toUser(row),
        created: decision.kind === "create",
        linked: decision.kind === "link"
      };
    });
  }
  /** Whether a council account is linked to this user. */
  async linked(userId) {
    const row = await this.driver.get(
      "SELECT user_id FROM identities WHERE user_id = ? LIMIT 1",
      [userId]
    );
    return row !== void 0;
  }
};

// server/store/sql/report-filter.ts
function likeContains(text) {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
function endBound(to) {
  if (/^\d{4}-\d{2}-\d{2}$/.test(to)) {
    const next = /* @__PURE__ */ new Date(`${to}T00:00:00.000Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    return { op: "<", value: next.toISOString() };
  }
  return { op: "<=", value: new Date(to).toISOString() };
}
function levelClause(column, level) {
  return level === null ? { sql: `${column} IS NULL`, params: [] } : { sql: `${column} = ?`, params: [level] };
}
function clauses(filter) {
  const parts = [];
  const add = (sql, ...params) => parts.push({ sql, params });
  if (filter.status && filter.status.length > 0)
    add(
      `r.status IN (${placeholders(filter.status.length)})`,
      ...filter.status
    );
  if (filter.service !== void 0) add("r.service = ?", filter.service);
  if (filter.problem === "hard-to-use") add("r.hard_to_use = 1");
  if (filter.problem === "insecure-workaround") add("r.insecure = 1");
  if (filter.category !== void 0)
    add(
      `r.categories LIKE ? ESCAPE '\\'`,
      likeContains(`,${filter.category},`)
    );
  if (filter.workaround !== void 0)
    add(
      `r.workarounds LIKE ? ESCAPE '\\'`,
      likeContains(`,${filter.workaround},`)
    );
  if (filter.dataInvolved !== void 0)
    add("r.data_involved = ?", filter.dataInvolved);
  if (filter.personalData !== void 0)
    add("r.personal_data = ?", filter.personalData);
  if (filter.severity !== void 0)
    parts.push(levelClause("r.usability_severity", filter.severity));
  if (filter.risk !== void 0)
    parts.push(levelClause("r.security_risk", filter.risk));
  if (filter.assignee !== void 0) add("r.assignee = ?", filter.assignee);
  if (filter.from !== void 0)
    add("r.received_at >= ?", new Date(filter.from).toISOString());
  if (filter.to !== void 0) {
    const bound = endBound(filter.to);
    add(`r.received_at ${bound.op} ?`, bound.value);
  }
  if (filter.q !== void 0 && filter.q.trim())
    add(`r.search_text LIKE ? ESCAPE '\\'`, likeContains(filter.q.trim()));
  if (filter.url !== void 0) add("r.page_url = ?", filter.url);
  if (filter.authorId !== void 0) add("r.author_id = ?", filter.authorId);
  return parts;
}
function conditions(filter) {
  const parts = clauses(filter);
  return {
    sql: parts.map((p) => p.sql).join(" AND "),
    params: parts.flatMap((p) => p.params)
  };
}
function whereClause(filter) {
  const where = conditions(filter);
  return {
    sql: where.sql ? `WHERE ${where.sql}` : "",
    params: where.params
  };
}
var ORDER_BY = {
  newest: "r.received_at DESC, r.id DESC",
  oldest: "r.received_at ASC, r.id ASC",
  severity: "r.usability_severity DESC NULLS LAST, r.received_at DESC, r.id DESC",
  risk: "r.security_risk DESC NULLS LAST, r.received_at DESC, r.id DESC",
  votes: "r.votes DESC, r.received_at DESC, r.id DESC"
};
var OPEN = {
  sql: `status IN (${placeholders(OPEN_STATUSES.length)})`,
  params: [...OPEN_STATUSES]
};

// server/store/sql/report-lists.ts
var EXPORT_BATCH = 500;
var SqlReportLists = class {
  constructor(driver) {
    this.driver = driver;
  }
  driver;
  /** One page of the reports matching `filter`, and how many match in all. */
  async list(filter, page, viewerId) {
    const where = whereClause(filter);
    const order = ORDER_BY[filter.sort ?? "newest"];
    const rows = await this.driver.all(
      `SELECT ${REPORT_COLUMNS} ${REPORT_FROM} ${where.sql} ORDER BY ${order} LIMIT ? OFFSET ?`,
      [...where.params, page.limit, page.offset]
    );
    const count = await this.driver.get(
      `SELECT CAST(COUNT(*) AS INTEGER) AS n FROM reports r ${where.sql}`,
      where.params
    );
    return {
      reports: await storedReports(this.driver, rows, viewerId),
      total: Number(count?.n ?? 0)
    };
  }
  /** Every report matching `filter`, oldest first. */
  async *iterate(filter) {
    const where = conditions(filter);
    let after = null;
    for (; ; ) {
      const keyset = after ? `(r.received_at > ? OR (r.received_at = ? AND r.id > ?))` : "";
      const clause = [where.sql, keyset].filter(Boolean).join(" AND ");
      const params = [
        ...where.params,
        ...after ? [after.at, after.at, after.id] : []
      ];
      const rows = await this.driver.all(
        `SELECT ${REPORT_COLUMNS} ${REPORT_FROM} ${clause ? `WHERE ${clause}` : ""}
         ORDER BY r.received_at, r.id LIMIT ?`,
        [...params, EXPORT_BATCH]
      );
      for (const report of await storedReports(this.driver, rows)) yield report;
      const last = rows[rows.length - 1];
      if (!last || rows.length < EXPORT_BATCH) return;
      after = { at: last.received_at, id: last.id };
    }
  }
};

// server/store/sql/screenshots.ts
var SqlScreenshots = class {
  constructor(driver) {
    this.driver = driver;
  }
  driver;
  /** Stores (or replaces) the report's screenshot. */
  async put(reportId, shot, at) {
    await this.driver.run(
      `INSERT INTO screenshots (report_id, media_type, bytes, uploaded_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (report_id) DO UPDATE SET media_type = excluded.media_type,
         bytes = excluded.bytes, uploaded_at = excluded.uploaded_at`,
      [reportId, shot.mediaType, shot.bytes, at]
    );
  }
  /** The report's screenshot, or null if it has none. */
  async get(reportId) {
    const row = await this.driver.get("SELECT media_type, bytes FROM screenshots WHERE report_id = ?", [
      reportId
    ]);
    return row ? { mediaType: row.media_type, bytes: Buffer.from(row.bytes) } : null;
  }
};

// server/store/sql/sign-in-flows.ts
var toFlow = (row) => ({
  stateHash: row.state_hash,
  purpose: row.purpose,
  bindingHash: row.binding_hash,
  codeVerifier: row.code_verifier,
  nonce: row.nonce,
  returnTo: row.return_to,
  clientRedirect: row.client_redirect,
  clientState: row.client_state,
  clientChallenge: row.client_challenge,
  deviceName: row.device_name,
  linkUserId: row.link_user_id,
  createdAt: row.created_at,
  expiresAt: row.expires_at
});
var SqlSignInFlows = class {
  constructor(driver) {
    this.driver = driver;
  }
  driver;
  /** Keeps a flow, forgetting those that expired (abandoned sign-ins leave rows behind). */
  save(flow) {
    return this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      await tx.run("DELETE FROM sign_in_flows WHERE expires_at <= ?", [
        flow.createdAt
      ]);
      await tx.run(
        `INSERT INTO sign_in_flows (state_hash, purpose, binding_hash, code_verifier, nonce, return_to,
           client_redirect, client_state, client_challenge, device_name, link_user_id, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        [
          flow.stateHash,
          flow.purpose,
          flow.bindingHash,
          flow.codeVerifier,
          flow.nonce,
          flow.returnTo,
          flow.clientRedirect,
          flow.clientState,
          flow.clientChallenge,
          flow.deviceName,
          flow.linkUserId,
          flow.createdAt,
          flow.expiresAt
        ]
      );
    });
  }
  /** Takes a flow once; the caller checks its expiry, so it can say "too late". */
  take(stateHash) {
    return this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      const row = await tx.get(
        "SELECT * FROM sign_in_flows WHERE state_hash = ?",
        [stateHash]
      );
      if (!row) return null;
      await tx.run("DELETE FROM sign_in_flows WHERE state_hash = ?", [
        stateHash
      ]);
      return toFlow(row);
    });
  }
  /** Keeps a link ticket. */
  async saveTicket(hash, userId, expiresAt) {
    await this.driver.run(
      "INSERT INTO link_tickets (ticket_hash, user_id, expires_at) VALUES (?, ?, ?)",
      [hash, userId, expiresAt]
    );
  }
  /** Takes a link ticket once, if unexpired at `now`; answers whose it was. */
  takeTicket(hash, now) {
    return this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      const row = await tx.get(
        "SELECT user_id, expires_at FROM link_tickets WHERE ticket_hash = ?",
        [hash]
      );
      await tx.run(
        "DELETE FROM link_tickets WHERE ticket_hash = ? OR expires_at <= ?",
        [hash, now]
      );
      return row && row.expires_at > now ? row.user_id : null;
    });
  }
};

// server/store/sql/statistics.ts
var SqlStatistics = class {
  constructor(driver) {
    this.driver = driver;
  }
  driver;
  /** Open reports counted by usability severity × security risk. */
  async matrix() {
    const rows = await this.driver.all(
      `SELECT usability_severity AS s, security_risk AS r, CAST(COUNT(*) AS INTEGER) AS n
       FROM reports WHERE ${OPEN.sql}
       GROUP BY usability_severity, security_risk`,
      OPEN.params
    );
    return rows.map((row) => ({
      usabilitySeverity: row.s,
      securityRisk: row.r,
      count: Number(row.n)
    }));
  }
  /** What trends need of each report received since `since`. */
  async trendRows(since) {
    const rows = await this.driver.all(
      "SELECT received_at, service, hard_to_use, insecure, workarounds FROM reports WHERE received_at >= ?",
      [since]
    );
    return rows.map((r) => ({
      receivedAt: r.received_at,
      service: r.service,
      hardToUse: r.hard_to_use === 1,
      insecure: r.insecure === 1,
      workarounds: r.workarounds.split(",").filter(Boolean)
    }));
  }
};

// server/domain/triage.ts
function mergeTriage(before, patch) {
  const next = { ...before };
  for (const field of TRIAGE_FIELDS) {
    const value = patch[field];
    if (value !== void 0) Object.assign(next, { [field]: value });
  }
  if (patch.duplicateOf) next.status = "duplicate";
  return next;
}
function triageDiff(before, after) {
  const changes = {};
  for (const field of TRIAGE_FIELDS) {
    if (before[field] !== after[field])
      changes[field] = [before[field], after[field]];
  }
  return changes;
}
function duplicateProblem(reportId, duplicateOf, originalExists) {
  if (!duplicateOf) return null;
  if (duplicateOf === reportId) return "A report cannot duplicate itself";
  if (!originalExists) return "duplicateOf names no known report";
  return null;
}
function planTriage(reportId, current, patch, originalExists) {
  if (current.version !== patch.baseVersion) return { kind: "stale" };
  const problem = duplicateProblem(reportId, patch.duplicateOf, originalExists);
  if (problem) return { kind: "bad-duplicate", message: problem };
  const { baseVersion: _baseVersion, ...fields } = patch;
  const next = mergeTriage(current.triage, fields);
  const changes = triageDiff(current.triage, next);
  if (Object.keys(changes).length === 0) return { kind: "unchanged" };
  return { kind: "change", next, changes };
}
function changedBy(lastTriageAuthor, report) {
  return lastTriageAuthor ?? report.author;
}

// server/store/sql/triage.ts
function stateOf(row) {
  return {
    triage: {
      status: row.status,
      usabilitySeverity: row.usability_severity,
      securityRisk: row.security_risk,
      assignee: row.assignee,
      duplicateOf: row.duplicate_of
    },
    version: Number(row.version)
  };
}
var SqlTriage = class {
  constructor(driver) {
    this.driver = driver;
  }
  driver;
  /** Applies a patch, guarded by its `baseVersion`. */
  async triage(id, patch, author, at) {
    const outcome = await this.driver.transaction(
      (tx) => this.apply(tx, id, patch, author, at)
    );
    if (outcome !== "ok") return outcome;
    const report = await reportDetail(this.driver, id, author.id);
    return report ? { kind: "ok", report } : { kind: "not-found" };
  }
  async apply(tx, id, patch, author, at) {
    await lockWrites(tx, this.driver);
    const row = await reportRow(tx, id);
    if (!row) return { kind: "not-found" };
    const originalExists = patch.duplicateOf ? await reportExists(tx, patch.duplicateOf) : false;
    const plan = planTriage(id, stateOf(row), patch, originalExists);
    switch (plan.kind) {
      case "stale":
        return this.conflict(tx, row, author.id);
      case "bad-duplicate":
        return { kind: "bad-duplicate", message: plan.message };
      case "unchanged":
        return "ok";
      case "change":
        await this.write(tx, id, plan, author.id, at);
        return "ok";
    }
  }
  /** The report as it now stands, and who changed it, for a stale patch. */
  async conflict(tx, row, viewerId) {
    const [current] = await storedReports(tx, [row], viewerId);
    if (!current) return { kind: "not-found" };
    const last = await tx.get(
      `SELECT h.author_id, u.name, u.team FROM triage_history h JOIN users u ON u.id = h.author_id
       WHERE h.report_id = ? ORDER BY h.id DESC LIMIT 1`,
      [row.id]
    );
    const lastAuthor = last ? personOf(last.author_id, last.name, last.team) : null;
    return {
      kind: "conflict",
      current,
      changedBy: changedBy(lastAuthor, current)
    };
  }
  /** Stores the new triage as the next version, with its history entry. */
  async write(tx, id, plan, authorId, at) {
    const { next, changes } = plan;
    const seq = await nextSeq(tx);
    await tx.run(
      `UPDATE reports SET status = ?, usability_severity = ?, security_risk = ?, assignee = ?,
       duplicate_of = ?, version = version + 1, server_seq = ?,
       closed_at = CASE WHEN ? = 1 THEN COALESCE(closed_at, ?) ELSE NULL END WHERE id = ?`,
      [
        next.status,
        next.usabilitySeverity,
        next.securityRisk,
        next.assignee,
        next.duplicateOf,
        seq,
        // Retention counts from the first closing status; reopening starts it again.
        isClosed(next.status) ? 1 : 0,
        at,
        id
      ]
    );
    await tx.run(
      "INSERT INTO triage_history (report_id, author_id, at, changes) VALUES (?, ?, ?, ?)",
      [id, authorId, at, JSON.stringify(changes)]
    );
    await enqueueTriage(tx, id, changes, at);
    tx.notify({ type: "report-updated", id, serverSeq: seq });
  }
};

// server/store/sql/votes.ts
var SqlVotes = class {
  constructor(driver) {
    this.driver = driver;
  }
  driver;
  /** Sets or clears the user's vote; null if there is no such report. */
  set(reportId, userId, on, at) {
    return this.driver.transaction(async (tx) => {
      await lockWrites(tx, this.driver);
      const report = await tx.get(
        "SELECT votes FROM reports WHERE id = ?",
        [reportId]
      );
      if (!report) return null;
      const changed = await this.record(tx, reportId, userId, on, at);
      const votes = votesAfter(Number(report.votes), on, changed);
      if (changed) {
        const seq = await nextSeq(tx);
        await tx.run(
          "UPDATE reports SET votes = ?, server_seq = ? WHERE id = ?",
          [votes, seq, reportId]
        );
        tx.notify({ type: "report-updated", id: reportId, serverSeq: seq });
      }
      return { votes, votedByMe: on };
    });
  }
  /** Adds or removes the vote row; answers whether there was anything to change. */
  async record(tx, reportId, userId, on, at) {
    const changed = on ? await tx.run(
      "INSERT INTO votes (report_id, user_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
      [reportId, userId, at]
    ) : await tx.run("DELETE FROM votes WHERE report_id = ? AND user_id = ?", [
      reportId,
      userId
    ]);
    return changed > 0;
  }
};

// server/store/sql/webhooks.ts
var COLUMNS = "id, url, kind, events, filters, include_text, description, paused, created_at, previous_until";
function summary(r) {
  return {
    id: r.id,
    url: r.url,
    kind: r.kind,
    events: JSON.parse(r.events),
    filters: JSON.parse(r.filters),
    includeText: Boolean(Number(r.include_text)),
    description: r.description,
    paused: Boolean(Number(r.paused)),
    createdAt: r.created_at,
    previousSecretUntil: r.previous_until
  };
}
var SqlWebhooks = class {
  constructor(driver) {
    this.driver = driver;
  }
  driver;
  async create(sub) {
    await this.driver.run(
      `INSERT INTO webhooks (id, url, kind, events, filters, include_text, description, secret,
       paused, deleted, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, ?)`,
      [
        sub.id,
        sub.url,
        sub.kind,
        JSON.stringify(sub.events),
        JSON.stringify(sub.filters),
        sub.includeText ? 1 : 0,
        sub.description,
        sub.secret,
        sub.createdAt
      ]
    );
    const created = await this.get(sub.id);
    if (!created) throw new Error("A new subscription could not be read back");
    return created;
  }
  async list() {
    const rows = await this.driver.all(
      `SELECT ${COLUMNS} FROM webhooks ORDER BY created_at, id`
    );
    return rows.map(summary);
  }
  async get(id) {
    const row = await this.driver.get(
      `SELECT ${COLUMNS} FROM webhooks WHERE id = ?`,
      [id]
    );
    return row ? summary(row) : null;
  }
  /** Applies a patch; null if there is no such subscription. */
  async update(id, patch) {
    const sets = [];
    const values = [];
    const set = (column, value) => {
      sets.push(`${column} = ?`);
      values.push(value);
    };
    if (patch.url !== void 0) set("url", patch.url);
    if (patch.events !== void 0) set("events", JSON.stringify(patch.events));
    if (patch.filters !== void 0)
      set("filters", JSON.stringify(patch.filters));
    if (patch.includeText !== void 0)
      set("include_text", patch.includeText ? 1 : 0);
    if (patch.description !== void 0) set("description", patch.description);
    if (patch.paused !== void 0) set("paused", patch.paused ? 1 : 0);
    if (sets.length > 0)
      await this.driver.run(
        `UPDATE webhooks SET ${sets.join(", ")} WHERE id = ?`,
        [...values, id]
      );
    return this.get(id);
  }
  /** Deletes a subscription and its delivery log; false if there was none. */
  remove(id) {
    return this.driver.transaction(async (tx) => {
      await tx.run("DELETE FROM deliveries WHERE webhook_id = ?", [id]);
      return await tx.run("DELETE FROM webhooks WHERE id = ?", [id]) > 0;
    });
  }
  /** A new secret; the old one keeps signing until `previousUntil` (if given). */
  async rotate(id, secret, previousUntil) {
    const n = await this.driver.run(
      `UPDATE webhooks SET previous_secret = CASE WHEN CAST(? AS TEXT) IS NULL THEN NULL ELSE secret END,
       previous_until = ?, secret = ? WHERE id = ?`,
      [previousUntil, previousUntil, secret, id]
    );
    return n > 0;
  }
  /** Queues a test event to one subscription, paused or not. */
  async enqueueTest(id, nowMs) {
    if (!await this.get(id)) return null;
    const at = new Date(nowMs).toISOString();
    return this.driver.transaction(
      (tx) => insertDelivery(tx, {
        channel: "webhook",
        webhookId: id,
        event: "webhook.test",
        payload: { type: "webhook.test", at, reportId: null },
        nowMs,
        at
      })
    );
  }
  /** Queues the email digests due at `now`; answers how many. */
  enqueueDueDigests(now) {
    return enqueueDueDigests(this.driver, now);
  }
  /** The allow-list set in Admin. */
  async allowList() {
    const rows = await this.driver.all(
      "SELECT entry FROM webhook_allow ORDER BY entry"
    );
    return rows.map((r) => r.entry);
  }
  async setAllowList(entries) {
    await this.driver.transaction(async (tx) => {
      await tx.run("DELETE FROM webhook_allow");
      for (const entry of new Set(entries))
        await tx.run("INSERT INTO webhook_allow (entry) VALUES (?)", [entry]);
    });
  }
  /** A user's email settings, or the defaults. */
  async settings(userId) {
    const row = await this.driver.get(
      "SELECT email, language, digest, you_said_we_did FROM notification_settings WHERE user_id = ?",
      [userId]
    );
    return row ? {
      email: row.email,
      language: row.language,
      digest: row.digest,
      youSaidWeDid: Boolean(Number(row.you_said_we_did))
    } : { email: null, language: "en", digest: "off", youSaidWeDid: false };
  }
  async setSettings(userId, s) {
    await this.driver.run(
      `INSERT INTO notification_settings (user_id, email, language, digest, you_said_we_did)
       VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_id) DO UPDATE SET email = excluded.email,
       language = excluded.language, digest = excluded.digest,
       you_said_we_did = excluded.you_said_we_did`,
      [userId, s.email, s.language, s.digest, s.youSaidWeDid ? 1 : 0]
    );
  }
};

// server/store/sql-store.ts
var SqlStore = class {
  constructor(driver) {
    this.driver = driver;
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
  driver;
  migration = 0;
  users;
  reports;
  lists;
  feed;
  triages;
  comments;
  votes;
  screenshots;
  catalogue;
  statistics;
  identities;
  flows;
  devices;
  redactions;
  anchoring;
  retention;
  audit;
  webhooks;
  deliveryQueue;
  get kind() {
    return this.driver.kind;
  }
  async migrate() {
    this.migration = await this.driver.migrate();
    return this.migration;
  }
  close() {
    return this.driver.close();
  }
  async checkWritable() {
    await this.driver.transaction(
      (tx) => tx.run("UPDATE meta SET seq = seq WHERE id = 1")
    );
  }
  onEvent(listener) {
    return this.driver.onEvent(listener);
  }
  eventsReady() {
    return this.driver.eventsReady();
  }
  // ---- users and sessions ----
  createUser(user2) {
    return this.users.create(user2);
  }
  createFirstAdmin(user2) {
    return this.users.createFirstAdmin(user2);
  }
  listUsers() {
    return this.users.list();
  }
  userByTokenHash(tokenHash) {
    return this.users.byTokenHash(tokenHash);
  }
  tokenHashRevoked(tokenHash) {
    return this.users.tokenHashRevoked(tokenHash);
  }
  revokeUser(id, at) {
    return this.users.revoke(id, at);
  }
  createSession(idHash, userId, csrfToken, at, expiresAt) {
    return this.users.createSession(idHash, userId, csrfToken, at, expiresAt);
  }
  session(idHash, now) {
    return this.users.session(idHash, now);
  }
  deleteSession(idHash) {
    return this.users.deleteSession(idHash);
  }
  // ---- reports ----
  putReport(input, author, at) {
    return this.reports.put(input, author, at);
  }
  getReport(id, viewerId) {
    return this.reports.get(id, viewerId);
  }
  reportAuthor(id) {
    return this.reports.author(id);
  }
  listReports(filter, page, viewerId) {
    return this.lists.list(filter, page, viewerId);
  }
  iterateReports(filter) {
    return this.lists.iterate(filter);
  }
  changes(since, limit, viewerId, onlyFor) {
    return this.feed.read(since, limit, viewerId, onlyFor);
  }
  changesJson(since, limit, viewerId) {
    return this.feed.readJson(since, limit, viewerId);
  }
  // ---- after filing: triage, discussion, screenshot ----
  triage(id, patch, author, at) {
    return this.triages.triage(id, patch, author, at);
  }
  addComment(reportId, input, author, at) {
    return this.comments.add(reportId, input, author, at);
  }
  setVote(reportId, userId, on, at) {
    return this.votes.set(reportId, userId, on, at);
  }
  putScreenshot(reportId, shot, at) {
    return this.screenshots.put(reportId, shot, at);
  }
  getScreenshot(reportId) {
    return this.screenshots.get(reportId);
  }
  recordAnchoring(id, seen, at) {
    return this.anchoring.record(id, seen, at);
  }
  redact(id, input, authorId, at) {
    return this.redactions.redact(id, input, authorId, at);
  }
  clearPersonalData(id, authorId, at) {
    return this.redactions.clearPersonalData(id, authorId, at);
  }
  appendAudit(entry) {
    return this.audit.append(entry);
  }
  listAudit(query) {
    return this.audit.list(query);
  }
  retentionDue(cutoff) {
    return this.retention.due(cutoff);
  }
  applyRetention(cutoff) {
    return this.retention.apply(cutoff);
  }
  // ---- service catalogue and statistics ----
  getServices() {
    return this.catalogue.get();
  }
  putServices(entries) {
    return this.catalogue.put(entries);
  }
  reapplyServices(at) {
    return this.catalogue.reapply(at);
  }
  matrix() {
    return this.statistics.matrix();
  }
  trendRows(since) {
    return this.statistics.trendRows(since);
  }
  // ---- single sign-on and devices ----
  applyProviderSignIn(input) {
    return this.identities.signIn(input);
  }
  hasCouncilAccount(userId) {
    return this.identities.linked(userId);
  }
  saveFlow(flow) {
    return this.flows.save(flow);
  }
  takeFlow(stateHash) {
    return this.flows.take(stateHash);
  }
  saveCode(code) {
    return this.devices.saveCode(code);
  }
  exchangeCode(codeHash, input, device, at) {
    return this.devices.exchangeCode(codeHash, input, device, at);
  }
  refreshToken(hash) {
    return this.devices.refreshToken(hash);
  }
  rotateRefresh(hash, deviceId, tokens, providerRefresh, at) {
    return this.devices.rotateRefresh(
      hash,
      deviceId,
      tokens,
      providerRefresh,
      at
    );
  }
  signOutDevice(deviceId, reason, at) {
    return this.devices.signOut(deviceId, reason, at);
  }
  deviceByAccessHash(hash) {
    return this.devices.byAccessHash(hash);
  }
  listDevices() {
    return this.devices.list();
  }
  saveLinkTicket(hash, userId, expiresAt) {
    return this.flows.saveTicket(hash, userId, expiresAt);
  }
  takeLinkTicket(hash, now) {
    return this.flows.takeTicket(hash, now);
  }
};

// server/store/open.ts
async function openStore(location) {
  const store = location.databaseUrl ? new SqlStore(
    new (await import("./postgres-SPDXXJIU.js")).PostgresDriver(location.databaseUrl, {
      onError: location.onError
    })
  ) : new SqlStore(new SqliteDriver(sqlitePath(location.dataDir)));
  try {
    await store.migrate();
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}
function sqlitePath(dataDir) {
  privateDirectory(dataDir);
  return join(dataDir, "snag.db");
}

// server/retention.ts
var RETENTION_EVERY_MS = 24 * 36e5;
async function runRetention(store, days, now, dryRun) {
  const cutoff = retentionCutoff(now, days);
  const items = dryRun ? await store.retentionDue(cutoff) : await store.applyRetention(cutoff);
  const run = summariseRun(cutoff, items);
  if (!dryRun)
    await store.appendAudit({
      at: now.toISOString(),
      actor: null,
      action: "retention",
      target: null,
      detail: {
        days,
        cutoff,
        reports: items.length,
        screenshotsDeleted: run.screenshotsDeleted,
        reportersAnonymised: run.reportersAnonymised
      },
      address: null
    });
  return run;
}
function scheduleRetention(store, days, now, onError) {
  const tick = () => void runRetention(store, days, now(), false).catch(onError);
  tick();
  const timer = setInterval(tick, RETENTION_EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
function describeRun(run, dryRun) {
  const lines = run.items.map(
    (item) => [
      item.id,
      item.status.padEnd(9),
      `closed ${item.closedAt}`,
      item.screenshot ? "screenshot" : "",
      item.named ? "reporter" : ""
    ].filter(Boolean).join("  ")
  );
  const verb = dryRun ? "Would delete" : "Deleted";
  const anon = dryRun ? "would anonymise" : "anonymised";
  lines.push(
    `${verb} ${run.screenshotsDeleted} screenshot(s) and ${anon} the reporter of ${run.reportersAnonymised} report(s) closed on or before ${run.cutoff}.`
  );
  return lines;
}

// server/cli.ts
var USAGE = `Usage:
  snag-server serve
  snag-server user add --name NAME --role reporter|reviewer|admin [--team it|digital] [--json]
  snag-server user list [--json]
  snag-server user revoke ID
  snag-server backup FILE
  snag-server retention [--dry-run]
  snag-server migrate-to-postgres

Environment: PORT (8787), HOST (127.0.0.1), DATABASE_URL (PostgreSQL; SQLite when unset),
SNAG_DATA_DIR (./data), SNAG_RATE_LIMIT (requests per minute per token, 600),
SNAG_TRUST_PROXY=1 (behind a TLS reverse proxy), SNAG_COUNCIL_NAME, SNAG_COUNCIL_COLOUR.
Single sign-on: SNAG_OIDC_ISSUER, SNAG_OIDC_CLIENT_ID, SNAG_OIDC_CLIENT_SECRET, SNAG_PUBLIC_URL,
SNAG_TOKEN_SIGN_IN=all|admins|off (see docs/operations.md).
Deliveries: SNAG_WEBHOOK_ALLOW (host names and CIDR ranges), SNAG_SMTP_URL, SNAG_MAIL_FROM,
SNAG_WEBHOOK_TIMEOUT_SECONDS (10), SNAG_DELIVERY_LEASE_SECONDS (60), SNAG_DELIVERIES=off.`;
var UsageError = class extends Error {
};
function out(line) {
  process.stdout.write(`${line}
`);
}
async function withStore(config, fn) {
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir
  });
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}
function firstAdminNote(url, token) {
  return `
An administrator account was created, because this server had no users yet.
Its access token is shown only this once; keep it somewhere safe:

  ${token}

To connect the browser extension: open its options page, enter
  Server address: ${url}
  Access token:   (the token above, or one made with "snag-server user add")
and press Connect.

To review reports, open ${url}/ in a browser and sign in with an access token.
Make tokens for colleagues with: npx snag-server user add --name "Their name" --role reporter
`;
}
async function watchSignIn(config) {
  if (!config.signIn.oidc) return null;
  const { IdentityProvider } = await import("./provider-TBYGJJKQ.js");
  const provider = new IdentityProvider({
    settings: config.signIn.oidc,
    now: () => /* @__PURE__ */ new Date(),
    onStatus: (status) => process.stderr.write(
      status.state === "ok" ? `Single sign-on works (${config.signIn.oidc?.issuer.href}).
` : `Single sign-on is not working: ${status.message ?? "unknown problem"}
`
    )
  });
  setInterval(() => void provider.check(), 5 * 6e4).unref();
  return provider;
}
async function serve(config) {
  const { buildApp, LOG_OPTIONS } = await import("./app-COHASQ4D.js");
  const provider = await watchSignIn(config);
  const store = await openStore({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onError: (error) => process.stderr.write(`Database listener: ${String(error)}
`)
  });
  if (store.kind === "postgres")
    await store.driver.listen();
  let adminToken = null;
  if (process.env.SNAG_NO_FIRST_ADMIN !== "1") {
    const { user: user2, token } = mintUser("Administrator", "admin");
    if (await store.createFirstAdmin(user2)) adminToken = token;
  }
  const app = await buildApp({
    store,
    config,
    provider,
    logger: { ...LOG_OPTIONS, stream: process.stderr }
  });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
  const listening = `Snag server listening on ${url}`;
  out(
    adminToken ? `${listening}
${firstAdminNote(url, adminToken)}` : listening
  );
  if (config.retentionDays !== null)
    scheduleRetention(
      store,
      config.retentionDays,
      () => /* @__PURE__ */ new Date(),
      (error) => app.log.error({ err: error }, "retention run failed")
    );
  const { startDeliveries } = await import("./start-HUIJAZUX.js");
  const deliveries = startDeliveries(
    store,
    config,
    url,
    (error) => app.log.error({ err: error }, "delivery worker")
  );
  if (provider) await provider.check();
  let stopping = false;
  const stop = async (signal) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, "shutting down");
    setTimeout(() => process.exit(1), 15e3).unref();
    await app.close();
    await deliveries?.stop();
    await store.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}
async function addUser(config, args) {
  const { values } = parseArgs({
    args,
    options: {
      name: { type: "string" },
      role: { type: "string" },
      team: { type: "string" },
      json: { type: "boolean" }
    },
    strict: true
  });
  const name = values.name?.trim();
  if (!name) throw new UsageError("user add needs --name");
  if (!values.role || !ROLES.includes(values.role)) {
    throw new UsageError(`user add needs --role ${ROLES.join("|")}`);
  }
  if (values.team !== void 0 && !TEAMS.includes(values.team)) {
    throw new UsageError(`--team must be ${TEAMS.join(" or ")}`);
  }
  const { user: created, token } = mintUser(
    name,
    values.role,
    values.team ?? null
  );
  await withStore(config, async (store) => {
    await store.createUser(created);
    await store.appendAudit(
      commandLineEntry(
        "user-added",
        created.id,
        { role: created.role },
        /* @__PURE__ */ new Date()
      )
    );
  });
  if (values.json) {
    const answer = {
      id: created.id,
      name: created.name,
      role: created.role,
      token,
      team: created.team
    };
    out(JSON.stringify(answer));
  } else {
    out(`Created ${created.role} "${created.name}" (id ${created.id}).`);
    out("Access token (shown only this once):");
    out(`  ${token}`);
  }
}
async function listUsers(config, args) {
  const { values } = parseArgs({
    args,
    options: { json: { type: "boolean" } },
    strict: true
  });
  const users = await withStore(config, (store) => store.listUsers());
  if (values.json) return out(JSON.stringify(users));
  for (const u of users) {
    out(
      [
        u.id,
        u.role.padEnd(8),
        (u.team ?? "-").padEnd(7),
        u.revokedAt ? "revoked" : "active ",
        u.name
      ].join("  ")
    );
  }
}
async function revokeUser(config, args) {
  const id = args[0];
  if (!id)
    throw new UsageError('user revoke needs a user id (see "user list")');
  const revoked = await withStore(config, async (store) => {
    const done = await store.revokeUser(id, (/* @__PURE__ */ new Date()).toISOString());
    if (done)
      await store.appendAudit(
        commandLineEntry("user-revoked", id, {}, /* @__PURE__ */ new Date())
      );
    return done;
  });
  if (!revoked) {
    process.stderr.write(`No active user has id ${id}
`);
    process.exitCode = 1;
    return;
  }
  out(`Revoked ${id}; its token no longer works.`);
}
async function user(config, args) {
  const [sub, ...rest] = args;
  if (sub === "add") return addUser(config, rest);
  if (sub === "list") return listUsers(config, rest);
  if (sub === "revoke") return revokeUser(config, rest);
  throw new UsageError("user needs add, list or revoke");
}
async function backup(config, args) {
  const file = args[0];
  if (!file) throw new UsageError("backup needs a destination FILE");
  if (config.databaseUrl) {
    process.stderr.write(
      'This server uses PostgreSQL; back it up with pg_dump, e.g.\n  pg_dump --format=custom --file=snag.dump "$DATABASE_URL"\n'
    );
    process.exitCode = 2;
    return;
  }
  const store = await openStore({ dataDir: config.dataDir });
  try {
    await store.driver.backup(file);
  } finally {
    await store.close();
  }
  out(`Backed up ${sqlitePath(config.dataDir)} to ${file}`);
}
async function retention(config, args) {
  const dryRun = args.includes("--dry-run");
  if (args.some((a) => a !== "--dry-run"))
    throw new UsageError("retention takes only --dry-run");
  if (config.retentionDays === null)
    throw new UsageError(
      "Retention is off: set SNAG_RETENTION_DAYS to the days a closed report keeps its screenshot and reporter"
    );
  const days = config.retentionDays;
  const run = await withStore(
    config,
    (store) => runRetention(store, days, /* @__PURE__ */ new Date(), dryRun)
  );
  for (const line of describeRun(run, dryRun)) out(line);
}
async function toPostgres(config) {
  if (!config.databaseUrl)
    throw new UsageError("migrate-to-postgres needs DATABASE_URL (the target)");
  const { migrateToPostgres } = await import("./migrate-to-postgres-QGUDVHRE.js");
  const { PostgresDriver } = await import("./postgres-SPDXXJIU.js");
  const source = new SqliteDriver(sqlitePath(config.dataDir));
  const target = new PostgresDriver(config.databaseUrl);
  try {
    await source.migrate();
    await target.migrate();
    const counts = await migrateToPostgres(source, target);
    for (const [table, n] of Object.entries(counts))
      out(`${table.padEnd(15)} ${n}`);
    out(
      "Done. Start the server with DATABASE_URL set; the SQLite file is left as it was."
    );
  } finally {
    await source.close();
    await target.close();
  }
}
async function main(argv) {
  const [command, ...rest] = argv;
  try {
    const config = configFromEnv();
    if (command === "serve") return await serve(config);
    if (command === "user") return await user(config, rest);
    if (command === "backup") return await backup(config, rest);
    if (command === "retention") return await retention(config, rest);
    if (command === "migrate-to-postgres") return await toPostgres(config);
    if (command === void 0 || command === "help" || command === "--help")
      return out(USAGE);
    throw new UsageError(`Unknown command "${command}"`);
  } catch (error) {
    if (error instanceof SettingsError) {
      process.stderr.write(`Snag cannot start: ${error.message}
`);
      process.exitCode = 2;
      return;
    }
    if (error instanceof UsageError || error.code?.startsWith("ERR_PARSE_ARGS")) {
      process.stderr.write(`${error.message}

${USAGE}
`);
      process.exitCode = 2;
      return;
    }
    throw error;
  }
}
await main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(
    `${error instanceof Error ? error.message : String(error)}
`
  );
  process.exit(1);
});
export {
  main
};
//# sourceMappingURL=cli.js.map

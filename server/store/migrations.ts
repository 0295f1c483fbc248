/**
 * Versioned schema migrations, one entry per version, with the DDL for each database. They
 * run at start-up; the PostgreSQL adapter holds an advisory lock while it applies them so
 * that instances starting together apply each one exactly once.
 */

/**
 * The account that reports are handed to when retention anonymises their reporter; it can
 * never sign in (its token hash matches no token, and it is revoked).
 */
export const FORMER_REPORTER_ID = '00000000-0000-0000-0000-000000000000';

/** One schema step. Never edit a released step; add a new one. */
export interface Migration {
  version: number;
  name: string;
  sqlite: string;
  postgres: string;
}

/** The sequence row and who may sign in. */
const identityTables = (bigint: string) => `
CREATE TABLE meta (id INTEGER PRIMARY KEY, seq ${bigint} NOT NULL);
INSERT INTO meta (id, seq) VALUES (1, 0);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  team TEXT,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);

`;

/** Reports, with the columns and indexes that lists filter and sort on. */
const reportTables = (bigint: string) => `CREATE TABLE reports (
  id TEXT PRIMARY KEY,
  author_id TEXT NOT NULL REFERENCES users(id),
  body TEXT NOT NULL,
  body_hash TEXT NOT NULL,
  service TEXT NOT NULL,
  client_service TEXT NOT NULL,
  page_url TEXT NOT NULL,
  hostname TEXT NOT NULL,
  page_path TEXT NOT NULL,
  hard_to_use INTEGER NOT NULL,
  insecure INTEGER NOT NULL,
  categories TEXT NOT NULL,
  workarounds TEXT NOT NULL,
  data_involved TEXT,
  search_text TEXT NOT NULL,
  received_at TEXT NOT NULL,
  server_seq ${bigint} NOT NULL,
  status TEXT NOT NULL,
  usability_severity INTEGER,
  security_risk INTEGER,
  assignee TEXT,
  duplicate_of TEXT,
  version INTEGER NOT NULL,
  votes INTEGER NOT NULL
);
CREATE UNIQUE INDEX reports_by_seq ON reports (server_seq);
CREATE INDEX reports_by_received ON reports (received_at, id);
CREATE INDEX reports_by_status ON reports (status, received_at);
CREATE INDEX reports_by_service ON reports (service, received_at);
CREATE INDEX reports_by_author ON reports (author_id, received_at);
CREATE INDEX reports_by_url ON reports (page_url);
CREATE INDEX reports_by_severity ON reports (usability_severity, received_at);
CREATE INDEX reports_by_risk ON reports (security_risk, received_at);
CREATE INDEX reports_by_votes ON reports (votes, received_at);

`;

/** What happens to a report after it is filed, and the service catalogue. */
const discussionTables = (
  blob: string,
  serial: string,
) => `CREATE TABLE comments (
  id TEXT PRIMARY KEY,
  report_id TEXT NOT NULL REFERENCES reports(id),
  author_id TEXT NOT NULL REFERENCES users(id),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX comments_by_report ON comments (report_id, created_at);

CREATE TABLE votes (
  report_id TEXT NOT NULL REFERENCES reports(id),
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  PRIMARY KEY (report_id, user_id)
);
CREATE INDEX votes_by_user ON votes (user_id);

CREATE TABLE triage_history (
  id ${serial},
  report_id TEXT NOT NULL REFERENCES reports(id),
  author_id TEXT NOT NULL REFERENCES users(id),
  at TEXT NOT NULL,
  changes TEXT NOT NULL
);
CREATE INDEX triage_history_by_report ON triage_history (report_id, id);

CREATE TABLE screenshots (
  report_id TEXT PRIMARY KEY REFERENCES reports(id),
  media_type TEXT NOT NULL,
  bytes ${blob} NOT NULL,
  uploaded_at TEXT NOT NULL
);

CREATE TABLE services (
  position INTEGER NOT NULL,
  hostname TEXT NOT NULL,
  path_prefix TEXT NOT NULL,
  name TEXT NOT NULL,
  PRIMARY KEY (hostname, path_prefix)
);
`;

/** The first schema, in one dialect. */
const tables = (blob: string, serial: string, bigint: string) =>
  identityTables(bigint) +
  reportTables(bigint) +
  discussionTables(blob, serial);

const FILTER_INDEXES = `
CREATE INDEX reports_by_status_insecure ON reports (status, insecure, received_at);
CREATE INDEX reports_by_status_hard ON reports (status, hard_to_use, received_at);
CREATE INDEX reports_by_insecure ON reports (insecure, received_at);
CREATE INDEX reports_by_hard ON reports (hard_to_use, received_at);
`;

const SERVICE_STATUS_INDEX = `
CREATE INDEX reports_by_service_status ON reports (service, status, hard_to_use, insecure, received_at);
`;

/**
 * Single sign-on: who each provider identity belongs to, sign-ins in progress, the one-time
 * codes the extension trades for tokens, and each signed-in device with its tokens.
 */
const SIGN_IN_TABLES = `
CREATE TABLE identities (
  issuer TEXT NOT NULL,
  subject TEXT NOT NULL,
  user_id TEXT NOT NULL REFERENCES users(id),
  created_at TEXT NOT NULL,
  last_sign_in_at TEXT NOT NULL,
  PRIMARY KEY (issuer, subject)
);
CREATE INDEX identities_by_user ON identities (user_id);

CREATE TABLE sign_in_flows (
  state_hash TEXT PRIMARY KEY,
  purpose TEXT NOT NULL,
  binding_hash TEXT,
  code_verifier TEXT NOT NULL,
  nonce TEXT NOT NULL,
  return_to TEXT,
  client_redirect TEXT,
  client_state TEXT,
  client_challenge TEXT,
  device_name TEXT,
  link_user_id TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sign_in_flows_by_expiry ON sign_in_flows (expires_at);

CREATE TABLE sign_in_codes (
  code_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  client_redirect TEXT NOT NULL,
  client_challenge TEXT NOT NULL,
  device_name TEXT NOT NULL,
  provider_refresh TEXT,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT,
  device_id TEXT
);
CREATE INDEX sign_in_codes_by_expiry ON sign_in_codes (expires_at);

CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  provider_refresh TEXT,
  created_at TEXT NOT NULL,
  refreshed_at TEXT NOT NULL,
  signed_out_at TEXT,
  signed_out_reason TEXT
);
CREATE INDEX devices_by_user ON devices (user_id, created_at);

CREATE TABLE device_tokens (
  token_hash TEXT PRIMARY KEY,
  device_id TEXT NOT NULL REFERENCES devices(id),
  kind TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at TEXT
);
CREATE INDEX device_tokens_by_device ON device_tokens (device_id);

CREATE TABLE link_tickets (
  ticket_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id),
  expires_at TEXT NOT NULL
);
`;

/**
 * Need to know, redaction, retention and the audit log: the personal-data flag the server's
 * check sets on a report, when a report was closed (retention counts from then), one account
 * that anonymised reports are handed to, and the audit log.
 */
const needToKnow = (serial: string) => `
ALTER TABLE reports ADD COLUMN personal_data TEXT;
ALTER TABLE reports ADD COLUMN closed_at TEXT;
UPDATE reports SET closed_at = (SELECT MAX(h.at) FROM triage_history h WHERE h.report_id = reports.id)
  WHERE status IN ('fixed', 'wont-fix', 'duplicate');
UPDATE reports SET closed_at = received_at WHERE closed_at IS NULL AND status IN ('fixed', 'wont-fix', 'duplicate');
CREATE INDEX reports_by_closed ON reports (closed_at);
CREATE INDEX reports_by_personal_data ON reports (personal_data, received_at);
INSERT INTO users (id, name, role, team, token_hash, created_at, revoked_at)
  VALUES ('${FORMER_REPORTER_ID}', 'Former reporter', 'reporter', NULL, 'none', '1970-01-01T00:00:00.000Z', '1970-01-01T00:00:00.000Z');

CREATE TABLE audit_log (
  id ${serial},
  at TEXT NOT NULL,
  actor_id TEXT,
  actor_name TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  detail TEXT NOT NULL,
  address TEXT
);
CREATE INDEX audit_log_by_at ON audit_log (at, id);
`;

/**
 * Deliveries: webhook subscriptions, the durable queue of what is to be sent (to a webhook or
 * by email), the hosts Admin allows to receive, and each user's email settings.
 */
const deliveryTables = (bigint: string) => `
CREATE TABLE webhooks (
  id TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  kind TEXT NOT NULL,
  events TEXT NOT NULL,
  filters TEXT NOT NULL,
  include_text INTEGER NOT NULL,
  description TEXT NOT NULL,
  secret TEXT NOT NULL,
  previous_secret TEXT,
  previous_until TEXT,
  paused INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  created_at TEXT NOT NULL
);

CREATE TABLE deliveries (
  id TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  webhook_id TEXT,
  event TEXT NOT NULL,
  payload TEXT NOT NULL,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL,
  next_at ${bigint} NOT NULL,
  lease_until ${bigint},
  created_ms ${bigint} NOT NULL,
  created_at TEXT NOT NULL,
  delivered_at TEXT,
  last_status INTEGER,
  last_latency_ms INTEGER,
  last_response TEXT,
  last_error TEXT
);
CREATE INDEX deliveries_due ON deliveries (state, next_at);
CREATE INDEX deliveries_by_webhook ON deliveries (webhook_id, created_ms);

CREATE TABLE webhook_allow (
  entry TEXT PRIMARY KEY
);

CREATE TABLE notification_settings (
  user_id TEXT PRIMARY KEY REFERENCES users(id),
  email TEXT,
  language TEXT NOT NULL,
  digest TEXT NOT NULL,
  you_said_we_did INTEGER NOT NULL,
  last_digest_at TEXT
);
`;

/**
 * How each report's notes anchored when its page was last open: the latest observation per
 * note, kept apart from the report so recording one is never an edit of it.
 */
const ANCHORING_TABLE = `
CREATE TABLE anchoring (
  report_id TEXT NOT NULL REFERENCES reports(id),
  annotation_id TEXT NOT NULL,
  quality TEXT NOT NULL,
  seen_at TEXT NOT NULL,
  PRIMARY KEY (report_id, annotation_id)
);
`;

/** Every migration, oldest first. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'initial schema',
    sqlite: tables('BLOB', 'INTEGER PRIMARY KEY AUTOINCREMENT', 'INTEGER'),
    postgres: tables('BYTEA', 'BIGSERIAL PRIMARY KEY', 'BIGINT'),
  },
  {
    version: 2,
    name: 'indexes for the dashboard filters',
    // Status and problem kind are the dashboard's usual filters; with these, a page and its
    // total are answered from small indexes instead of reading whole report rows.
    sqlite: FILTER_INDEXES,
    postgres: FILTER_INDEXES,
  },
  {
    version: 3,
    name: 'index for service, status and problem kind together',
    // The dashboard's most common view is one service's open reports of one kind; this
    // answers both its page and its total from one index range.
    sqlite: SERVICE_STATUS_INDEX,
    postgres: SERVICE_STATUS_INDEX,
  },
  {
    version: 5,
    name: 'single sign-on, signed-in devices and their tokens',
    sqlite: SIGN_IN_TABLES,
    postgres: SIGN_IN_TABLES,
  },
  {
    version: 6,
    name: 'need to know, redaction, retention and the audit log',
    sqlite: needToKnow('INTEGER PRIMARY KEY AUTOINCREMENT'),
    postgres: needToKnow('BIGSERIAL PRIMARY KEY'),
  },
  {
    version: 7,
    name: 'webhooks, the delivery queue and email settings',
    sqlite: deliveryTables('INTEGER'),
    postgres: deliveryTables('BIGINT'),
  },
  {
    version: 8,
    name: "how reports' notes anchored when last seen",
    sqlite: ANCHORING_TABLE,
    postgres: ANCHORING_TABLE,
  },
];

/** The version this code expects the schema to be at. */
export const LATEST_MIGRATION = MIGRATIONS[MIGRATIONS.length - 1]?.version ?? 0;

/** Splits a migration script into statements; our DDL never has `;` inside a literal. */
export function statements(script: string): string[] {
  return script
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Email deliveries, queued like webhooks: a reporter's "You said, we did" in the transaction
 * that marks their report fixed, and reviewers' digests when they fall due.
 */
import { OPEN_STATUSES } from '../../../protocol/constants';
import type { ReportInput } from '../../../protocol/report';
import type { DigestPayload, FixedPayload } from '../../deliveries/email';
import type { SqlDriver, SqlExecutor } from '../driver';
import { insertDelivery } from './delivery-rows';
import { placeholders } from './rows';

interface SettingsRow {
  user_id: string;
  email: string | null;
  language: 'en' | 'cy';
  digest: 'off' | 'daily' | 'weekly';
  you_said_we_did: number;
  last_digest_at: string | null;
}

/**
 * Queues "You said, we did" to the report's author, if they opted in and gave an address,
 * with the latest comment a reviewer left. Call it in the transaction that fixes the report.
 */
export async function enqueueYouSaidWeDid(
  tx: SqlExecutor,
  reportId: string,
  at: string,
): Promise<boolean> {
  const row = await tx.get<{ author_id: string; body: string } & SettingsRow>(
    `SELECT r.author_id, r.body, s.email, s.language, s.you_said_we_did
     FROM reports r JOIN notification_settings s ON s.user_id = r.author_id
     WHERE r.id = ?`,
    [reportId],
  );
  if (!row || !row.email || !Number(row.you_said_we_did)) return false;
  const comment = await tx.get<{ body: string }>(
    `SELECT body FROM comments WHERE report_id = ? AND author_id <> ?
     ORDER BY created_at DESC, id DESC LIMIT 1`,
    [reportId, row.author_id],
  );
  const body = JSON.parse(row.body) as ReportInput;
  const payload: FixedPayload = {
    template: 'you-said-we-did',
    to: row.email,
    language: row.language,
    reportId,
    title: body.page.title,
    closingComment: comment?.body ?? null,
  };
  await insertDelivery(tx, {
    channel: 'email',
    webhookId: null,
    event: 'email.you_said_we_did',
    payload,
    nowMs: Date.parse(at),
    at,
  });
  return true;
}

const PERIOD_MS = { daily: 86_400_000, weekly: 7 * 86_400_000 } as const;

/** What a digest covers since `since`. */
async function digestFacts(
  db: SqlExecutor,
  since: string,
): Promise<Pick<DigestPayload, 'newReports' | 'changed' | 'matrix'>> {
  const created = await db.all<{ id: string; body: string; service: string }>(
    'SELECT id, body, service FROM reports WHERE received_at >= ? ORDER BY received_at, id LIMIT 200',
    [since],
  );
  const changed = await db.all<{ id: string; body: string; status: string }>(
    `SELECT r.id, r.body, r.status FROM reports r WHERE r.id IN
     (SELECT report_id FROM triage_history WHERE at >= ?) ORDER BY r.received_at, r.id LIMIT 200`,
    [since],
  );
  const matrix = await db.all<{
    severity: number | null;
    risk: number | null;
    n: number;
  }>(
    `SELECT usability_severity AS severity, security_risk AS risk, COUNT(*) AS n FROM reports
     WHERE status IN (${placeholders(OPEN_STATUSES.length)})
     GROUP BY usability_severity, security_risk ORDER BY usability_severity, security_risk`,
    [...OPEN_STATUSES],
  );
  const title = (body: string) => (JSON.parse(body) as ReportInput).page.title;
  return {
    newReports: created.map((r) => ({
      id: r.id,
      title: title(r.body),
      service: r.service,
    })),
    changed: changed.map((r) => ({
      id: r.id,
      title: title(r.body),
      status: r.status,
    })),
    matrix: matrix.map((c) => ({
      severity: c.severity,
      risk: c.risk,
      count: Number(c.n),
    })),
  };
}

/**
 * Queues every digest due at `now` to reviewers and admins who asked for one; a digest
 * another instance already queued is not queued again. Answers how many it queued.
 */
export async function enqueueDueDigests(
  driver: SqlDriver,
  now: Date,
): Promise<number> {
  const people = await driver.all<SettingsRow>(
    `SELECT s.user_id, s.email, s.language, s.digest, s.last_digest_at
     FROM notification_settings s JOIN users u ON u.id = s.user_id
     WHERE s.digest <> 'off' AND s.email IS NOT NULL AND u.revoked_at IS NULL
     AND u.role IN ('reviewer', 'admin')`,
  );
  let queued = 0;
  for (const p of people) {
    if (p.digest === 'off' || !p.email) continue;
    const period = PERIOD_MS[p.digest];
    const last = p.last_digest_at ? Date.parse(p.last_digest_at) : null;
    if (last !== null && now.getTime() - last < period) continue;
    const since = new Date(last ?? now.getTime() - period).toISOString();
    const at = now.toISOString();
    const done = await driver.transaction(async (tx) => {
      const claimed = await tx.run(
        `UPDATE notification_settings SET last_digest_at = ?
         WHERE user_id = ? AND COALESCE(last_digest_at, '') = ?`,
        [at, p.user_id, p.last_digest_at ?? ''],
      );
      if (claimed === 0) return false;
      const payload: DigestPayload = {
        template: 'digest',
        to: p.email ?? '',
        language: p.language,
        period: p.digest === 'weekly' ? 'weekly' : 'daily',
        ...(await digestFacts(tx, since)),
      };
      await insertDelivery(tx, {
        channel: 'email',
        webhookId: null,
        event: 'email.digest',
        payload,
        nowMs: now.getTime(),
        at,
      });
      return true;
    });
    if (done) queued++;
  }
  return queued;
}

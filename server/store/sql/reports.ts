/**
 * Reports as the reporter writes them: the idempotent PUT, reading one back, and its author.
 * The store reads what `planPut` needs, and writes what it decides.
 */
import type { ReportDetail } from '../../../protocol/api';
import type { ReportInput, StoredReport } from '../../../protocol/report';
import { resolveService } from '../../domain/catalogue';
import { personalDataFlag } from '../../domain/personal-data';
import {
  newReport,
  planPut,
  reportHash,
  withService,
  type StoredBody,
} from '../../domain/reports';
import type { SqlDriver, SqlExecutor, SqlTransaction } from '../driver';
import type { PutOutcome, UserRecord } from '../store';
import { readCatalogue } from './catalogue';
import { enqueueEvent } from './deliveries';
import { reportDetail } from './report-view';
import { personOf } from './rows';
import { lockWrites, nextSeq } from './sequence';

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
  'personal_data',
];
const UPDATE_CONTENT = `UPDATE reports SET ${CONTENT_COLUMNS.map((c) => `${c} = ?`).join(', ')},
  server_seq = ? WHERE id = ?`;
const INSERT_REPORT = `INSERT INTO reports (id, author_id, ${CONTENT_COLUMNS.join(', ')},
  received_at, server_seq, status, usability_severity, security_risk, assignee, duplicate_of,
  version, votes)
  VALUES (?, ?, ${CONTENT_COLUMNS.map(() => '?').join(', ')}, ?, ?, 'new', NULL, NULL, NULL,
  NULL, 0, 0)`;

/** The text `q` searches, lower-cased once on write so both databases match alike. */
export function searchText(input: ReportInput): string {
  return [
    input.trying,
    input.whatHappened,
    input.page.title,
    ...input.annotations.map((a) => a.note),
  ]
    .join('\n')
    .toLowerCase();
}

/**
 * The values of {@link CONTENT_COLUMNS}, in order: the stored body, and the columns derived
 * from it for filtering without parsing JSON. Categories and workarounds are kept as
 * `,a,b,` so that one can be matched with LIKE.
 * @param clientService - the service the client guessed, kept for re-applying the catalogue
 */
function contentValues(
  body: ReportInput,
  hash: string,
  clientService: string,
): unknown[] {
  const url = new URL(body.page.url);
  const hard = body.problems.find((p) => p.kind === 'hard-to-use');
  const insecure = body.problems.find((p) => p.kind === 'insecure-workaround');
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
    `,${hard?.usabilityCategories.join(',') ?? ''},`,
    `,${insecure?.workarounds.join(',') ?? ''},`,
    insecure?.dataInvolved ?? null,
    searchText(body),
    personalDataFlag(body),
  ];
}

/** What a PUT's transaction did: a new report, or which other plan it carried out. */
type Written = StoredReport | 'updated' | 'unchanged' | 'forbidden';

/** Reports: the write side, and single reads. */
export class SqlReports {
  constructor(private readonly driver: SqlDriver) {}

  /** One report with its history, as `viewerId` sees it. */
  get(id: string, viewerId?: string): Promise<ReportDetail | null> {
    return reportDetail(this.driver, id, viewerId);
  }

  /** The report's author, or null if there is no such report. */
  async author(id: string): Promise<string | null> {
    const row = await this.driver.get<{ author_id: string }>(
      'SELECT author_id FROM reports WHERE id = ?',
      [id],
    );
    return row?.author_id ?? null;
  }

  /** Stores a report, or answers why not; a retry of the same body changes nothing. */
  async put(
    input: ReportInput,
    author: UserRecord,
    at: string,
  ): Promise<PutOutcome> {
    const hash = reportHash(input);
    // A retry of a PUT already stored needs no lock at all.
    const seen = planPut(
      await this.storedBody(this.driver, input.id),
      author.id,
      hash,
    );
    if (seen === 'forbidden') return { kind: 'forbidden' };
    if (seen === 'unchanged') {
      const report = await this.get(input.id, author.id);
      if (report) return { kind: 'unchanged', report };
    }
    const written = await this.driver.transaction((tx) =>
      this.write(tx, input, hash, author, at),
    );
    if (written === 'forbidden') return { kind: written };
    // A new report has no discussion or triage yet, so it need not be read back.
    if (typeof written === 'object')
      return { kind: 'created', report: written };
    const report = await this.get(input.id, author.id);
    if (!report) throw new Error('A committed report could not be read back');
    return { kind: written, report };
  }

  private async storedBody(
    db: SqlExecutor,
    id: string,
  ): Promise<StoredBody | null> {
    const row = await db.get<{ author_id: string; body_hash: string }>(
      'SELECT author_id, body_hash FROM reports WHERE id = ?',
      [id],
    );
    return row ? { authorId: row.author_id, bodyHash: row.body_hash } : null;
  }

  /** Decides the PUT again under the lock, then writes what was decided. */
  private async write(
    tx: SqlTransaction,
    input: ReportInput,
    hash: string,
    author: UserRecord,
    at: string,
  ): Promise<Written> {
    await lockWrites(tx, this.driver);
    const plan = planPut(await this.storedBody(tx, input.id), author.id, hash);
    if (plan === 'forbidden' || plan === 'unchanged') return plan;
    const service = resolveService(
      await readCatalogue(tx),
      input.page.url,
      input.page.service,
    );
    const body = withService(input, service);
    const seq = await nextSeq(tx);
    const content = contentValues(body, hash, input.page.service);
    if (plan === 'update') {
      await tx.run(UPDATE_CONTENT, [...content, seq, input.id]);
      tx.notify({ type: 'report-updated', id: input.id, serverSeq: seq });
      return 'updated';
    }
    await tx.run(INSERT_REPORT, [input.id, author.id, ...content, at, seq]);
    await enqueueEvent(tx, { type: 'report.created', reportId: input.id, at });
    tx.notify({ type: 'report-created', id: input.id, serverSeq: seq });
    return newReport(body, {
      serverSeq: seq,
      receivedAt: at,
      author: personOf(author.id, author.name, author.team),
      personalData: personalDataFlag(body),
    });
  }
}

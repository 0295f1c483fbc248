/**
 * The audit log for admins: `GET /audit` a page at a time, newest first, and `/audit.csv`
 * for keeping or handing to a data protection officer.
 */
import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { FastifyPluginAsync } from 'fastify';
import { routes } from '../../protocol/api';
import {
  auditPage,
  auditQuery,
  type AuditEntry,
  type AuditPage,
} from '../../protocol/audit';
import { HttpError } from '../errors';
import { defuseFormula } from '../export/csv';
import { parseOr400 } from '../validation';
import type { RouteDeps } from './deps';

const DEFAULT_PAGE = 50;
const MAX_PAGE = 500;
const CSV_BATCH = 500;

/** The columns of `/audit.csv`. */
export const AUDIT_CSV_COLUMNS = [
  'id',
  'at',
  'actorId',
  'actorName',
  'action',
  'target',
  'detail',
  'address',
] as const;

/** One entry as a CSV record; names and details are defused as spreadsheet formulas. */
function auditRecord(entry: AuditEntry): Record<string, string | number> {
  return {
    id: entry.id,
    at: entry.at,
    actorId: entry.actor?.id ?? '',
    actorName: defuseFormula(entry.actor?.name ?? 'Snag'),
    action: entry.action,
    target: entry.target ?? '',
    detail: defuseFormula(JSON.stringify(entry.detail)),
    address: entry.address ?? '',
  };
}

/** `/audit`, `/audit.csv`. */
export const auditRoutes: FastifyPluginAsync<RouteDeps> = async (
  api,
  { store },
) => {
  api.get(
    routes.audit,
    {
      config: {
        auth: 'admin',
        doc: {
          summary: `The audit log, newest first (limit ≤ ${MAX_PAGE})`,
          response: auditPage,
          query: ['action', 'cursor', 'limit'],
        },
      },
    },
    async (request): Promise<AuditPage> => {
      const q = parseOr400(auditQuery, request.query ?? {}, 'query');
      const limit = q.limit === undefined ? DEFAULT_PAGE : Number(q.limit);
      if (limit < 1 || limit > MAX_PAGE)
        throw new HttpError(400, `query.limit: between 1 and ${MAX_PAGE}`);
      const entries = await store.listAudit({
        ...(q.action ? { action: q.action } : {}),
        ...(q.cursor ? { before: Number(q.cursor) } : {}),
        limit,
      });
      const last = entries[entries.length - 1];
      return {
        entries,
        cursor: entries.length === limit && last ? String(last.id) : null,
      };
    },
  );

  api.get(
    routes.auditCsv,
    {
      config: {
        auth: 'admin',
        doc: { summary: 'The whole audit log as CSV', mediaType: 'text/csv' },
      },
    },
    async (request, reply) => {
      await request.audit('export', null, { format: 'audit-csv' });
      const rows = Readable.from(
        (async function* () {
          let before: number | undefined;
          for (;;) {
            const batch = await store.listAudit({
              ...(before === undefined ? {} : { before }),
              limit: CSV_BATCH,
            });
            for (const entry of batch) yield auditRecord(entry);
            const last = batch[batch.length - 1];
            if (!last || batch.length < CSV_BATCH) return;
            before = last.id;
          }
        })(),
      );
      const csv = stringify({
        header: true,
        columns: [...AUDIT_CSV_COLUMNS],
        bom: true,
      });
      rows.on('error', (error) => csv.destroy(error));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="snag-audit.csv"')
        .send(rows.pipe(csv));
    },
  );
};

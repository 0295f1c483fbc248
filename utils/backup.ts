/**
 * Export, import and erasure of everything Snag keeps on the device (the options page).
 * Import merges by report id and never duplicates; a file that is not Snag's changes nothing.
 */
import * as z from 'zod/mini';
import { reportInput } from '@/protocol/report';
import { getDb, type StoredLocalReport } from './db';
import { Outbox } from './outbox';
import { readRecord } from './reports';
import { blobToDataUrl, parseDataUrl } from './data-url';

/** Marks a file as Snag's own export. */
export const EXPORT_FORMAT = 'snag-export';

const exportedScreenshot = z.object({
  reportId: z.string(),
  dataUrl: z.string().check(z.regex(/^data:image\/(png|jpeg|webp);base64,/)),
});

const exportFile = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: z.string(),
  reports: z.array(z.object({ id: z.string(), report: reportInput })),
  screenshots: z.optional(z.array(exportedScreenshot)),
});

/** Snag's export file. */
export type ExportFile = z.infer<typeof exportFile>;

/** Why an import was refused, in words for the user. */
export class ImportError extends Error {}

/** Every readable report and screenshot, as one JSON-ready object. */
export async function exportAll(now: Date = new Date()): Promise<ExportFile> {
  const db = await getDb();
  const [reports, screenshots] = await Promise.all([
    db.getAll('reports'),
    db.getAll('screenshots'),
  ]);
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: now.toISOString(),
    reports: reports.flatMap((raw) => {
      const r = readRecord(raw);
      return r.ok ? [r.record] : [];
    }),
    screenshots: await Promise.all(
      screenshots.map(async (s) => ({
        reportId: s.reportId,
        dataUrl: await blobToDataUrl(s.blob),
      })),
    ),
  };
}

/** What an import did. */
export interface ImportResult {
  added: number;
  updated: number;
  unchanged: number;
}

/** Reads an export file, or says in words why it is not one Snag can import. */
function parseExport(text: string): ExportFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new ImportError(
      'This file is not JSON, so it cannot be a Snag export.',
    );
  }
  const parsed = exportFile.safeParse(json);
  if (!parsed.success) {
    const isSnag =
      typeof json === 'object' &&
      json !== null &&
      'format' in json &&
      json.format === EXPORT_FORMAT;
    const issue = parsed.error.issues[0];
    throw new ImportError(
      isSnag
        ? `This Snag export could not be read (${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}). Nothing was changed.`
        : 'This file is not a Snag export. Nothing was changed.',
    );
  }
  return parsed.data;
}

/**
 * Merges an export file into the device's store. A report already here is replaced only when
 * the file's copy is newer; new reports join the outbox unless they were already sent.
 */
export async function importAll(
  text: string,
  now: () => number = Date.now,
): Promise<ImportResult> {
  const file = parseExport(text);
  const db = await getDb();
  const tx = db.transaction(['reports', 'outbox', 'screenshots'], 'readwrite');
  const reports = tx.objectStore('reports');
  const outbox = new Outbox({ now });
  const result: ImportResult = { added: 0, updated: 0, unchanged: 0 };
  const shots = new Map(
    (file.screenshots ?? []).map((s) => [s.reportId, s.dataUrl]),
  );
  // Decode first: no awaiting unrelated work inside the transaction.
  const blobs = new Map(
    [...shots].map(([id, url]) => {
      const image = parseDataUrl(url);
      if (!image) {
        throw new ImportError(
          `The screenshot of report ${id} could not be read. Nothing was changed.`,
        );
      }
      return [id, new Blob([image.bytes as BlobPart], { type: image.type })];
    }),
  );
  for (const item of file.reports) {
    const incoming = item as unknown as StoredLocalReport;
    const report = item.report;
    const existing = await reports.get(report.id);
    if (existing && existing.report.updatedAt >= report.updatedAt) {
      result.unchanged++;
      continue;
    }
    const sent = incoming.sync === 'sent';
    const record: StoredLocalReport = {
      id: report.id,
      report,
      localVersion: (existing?.localVersion ?? 0) + 1,
      sync: sent ? 'sent' : 'waiting',
      sentVersion: sent ? (existing?.localVersion ?? 0) + 1 : undefined,
      server: incoming.server,
      url: report.page.url,
      createdAt: report.createdAt,
    };
    await reports.put(record);
    if (!sent) {
      await outbox.enqueue(tx.objectStore('outbox'), {
        reportId: report.id,
        localVersion: record.localVersion,
        screenshotPending: blobs.has(report.id),
      });
    }
    const blob = blobs.get(report.id);
    if (blob)
      await tx.objectStore('screenshots').put({ reportId: report.id, blob });
    if (existing) result.updated++;
    else result.added++;
  }
  await tx.done;
  return result;
}

/** Deletes every report, screenshot, outbox entry and draft (with its screenshot) on this device. */
export async function eraseAll(): Promise<void> {
  const db = await getDb();
  const tx = db.transaction(
    ['reports', 'outbox', 'screenshots', 'drafts'],
    'readwrite',
  );
  await Promise.all([
    tx.objectStore('reports').clear(),
    tx.objectStore('outbox').clear(),
    tx.objectStore('screenshots').clear(),
    tx.objectStore('drafts').clear(),
    tx.done,
  ]);
}

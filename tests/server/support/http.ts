/**
 * Small fetch wrappers for tests that talk to a real server process.
 */
import type { ReportInput, StoredReport } from '../../../protocol/report';

/** PUTs a report; answers the status (0 if the connection failed). */
export async function putReport(
  base: string,
  token: string,
  report: ReportInput,
): Promise<number> {
  try {
    const res = await fetch(`${base}/api/v1/reports/${report.id}`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify(report),
    });
    await res.arrayBuffer();
    return res.status;
  } catch {
    return 0;
  }
}

/** GETs JSON with a token. */
export async function getJson<T>(
  base: string,
  token: string,
  path: string,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${base}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** Reads the whole `/changes` feed from `since`, page by page. */
export async function readChanges(
  base: string,
  token: string,
  since = '0',
  limit = 500,
): Promise<{ reports: StoredReport[]; cursor: string }> {
  const reports: StoredReport[] = [];
  let cursor = since;
  for (;;) {
    const { body } = await getJson<{
      changes: { report: StoredReport }[];
      cursor: string;
      hasMore: boolean;
    }>(base, token, `/api/v1/changes?since=${cursor}&limit=${limit}`);
    reports.push(...body.changes.map((c) => c.report));
    cursor = body.cursor;
    if (!body.hasMore) return { reports, cursor };
  }
}

/** The author-written part of a stored report, to compare with what was sent. */
export function authorFields(report: StoredReport | ReportInput) {
  return {
    id: report.id,
    createdAt: report.createdAt,
    updatedAt: report.updatedAt,
    url: report.page.url,
    title: report.page.title,
    problems: report.problems,
    trying: report.trying,
    whatHappened: report.whatHappened,
    annotations: report.annotations,
    environment: report.environment,
  };
}

/**
 * The service catalogue: which council service a page belongs to, so reports about one service
 * group together however its pages are addressed.
 */
import type { ServiceEntry } from '../../protocol/api';

/**
 * Names the service for a page. The most specific entry wins: the longest hostname that is the
 * page's host or a parent domain of it, then the longest path prefix. With no match, the
 * client's own `service` guess stands, and failing that the hostname.
 */
export function resolveService(
  catalogue: readonly ServiceEntry[],
  pageUrl: string,
  clientService: string,
): string {
  let host = '';
  let path = '/';
  try {
    const url = new URL(pageUrl);
    host = url.hostname.toLowerCase();
    path = url.pathname;
  } catch {
    // Schema validation already checked the URL; an odd one just gets no catalogue match.
  }
  let best: ServiceEntry | undefined;
  for (const entry of catalogue) {
    const entryHost = entry.hostname.toLowerCase();
    const hostMatches = host === entryHost || host.endsWith(`.${entryHost}`);
    if (!hostMatches || !path.startsWith(entry.pathPrefix || '/')) continue;
    if (
      !best ||
      entryHost.length > best.hostname.length ||
      (entryHost.length === best.hostname.length &&
        entry.pathPrefix.length > best.pathPrefix.length)
    ) {
      best = entry;
    }
  }
  if (best) return best.name;
  if (clientService.trim()) return clientService.trim();
  return host;
}

/** What re-applying the catalogue needs to know of a stored report. */
export interface NamedPage {
  pageUrl: string;
  /** The service the client guessed when it sent the report. */
  clientService: string;
  /** The service the report is filed under now. */
  service: string;
}

/** The service a stored report should be renamed to, or null if its name still stands. */
export function renamedService(
  catalogue: readonly ServiceEntry[],
  report: NamedPage,
): string | null {
  const service = resolveService(
    catalogue,
    report.pageUrl,
    report.clientService,
  );
  return service === report.service ? null : service;
}

/** A catalogue as an admin sent it, made ready to store, or why it cannot be. */
export type CatalogueCheck =
  { ok: true; entries: ServiceEntry[] } | { ok: false; message: string };

/**
 * Lower-cases hostnames and gives an empty path prefix the whole site (`/`). Two entries for
 * the same hostname and prefix would make the match ambiguous, so they are refused.
 */
export function normaliseCatalogue(
  entries: readonly ServiceEntry[],
): CatalogueCheck {
  const normalised = entries.map((e) => ({
    ...e,
    hostname: e.hostname.toLowerCase(),
    pathPrefix: e.pathPrefix || '/',
  }));
  const keys = new Set(normalised.map((e) => `${e.hostname} ${e.pathPrefix}`));
  if (keys.size !== normalised.length)
    return {
      ok: false,
      message: 'each hostname and path prefix may appear once',
    };
  return { ok: true, entries: normalised };
}

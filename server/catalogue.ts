/**
 * The service catalogue: which council service a page belongs to, so reports about one service
 * group together however its pages are addressed.
 */
import type { ServiceEntry } from './store/store';

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

/**
 * URL cleaning (docs/privacy.md): the query string and fragment are dropped unless a parameter is
 * on the user's allow-list, so personal data in URLs never reaches a report.
 */

/**
 * Returns `url` without its fragment and without any query parameter whose name is not in
 * `allowedParams`. Credentials in the URL are always removed. Unparseable input gives `null`.
 */
export function cleanUrl(
  url: string,
  allowedParams: readonly string[] = [],
): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  parsed.username = '';
  parsed.password = '';
  parsed.hash = '';
  const allowed = new Set(allowedParams.map((p) => p.trim()).filter(Boolean));
  const kept = new URLSearchParams();
  for (const [name, value] of parsed.searchParams) {
    if (allowed.has(name)) kept.append(name, value);
  }
  parsed.search = kept.toString();
  return parsed.toString();
}

/** Parses the allow-list as typed in the options: names separated by commas, spaces or lines. */
export function parseAllowList(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

/**
 * The value types the Web Annotation Data Model asks for (IRIs, date-times, language tags,
 * media types), as checks both the export and its W3C assertions use, and the repairs the
 * export makes to stored text.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a UUID in canonical form (any version). */
export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}

/** IRIs already judged; the export asks about the same few (page, creator, generator) often. */
const iriVerdicts = new Map<string, boolean>();
const MAX_IRI_VERDICTS = 10_000;

/**
 * True for an absolute IRI: a scheme, then characters an IRI may hold (RFC 3987: no spaces,
 * controls, `<>"{}|\^` or backtick), and something the URL parser accepts.
 */
export function isIri(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const known = iriVerdicts.get(value);
  if (known !== undefined) return known;
  const verdict =
    // eslint-disable-next-line no-control-regex -- controls are what an IRI may not hold
    /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`\u0000-\u001f\u007f]*$/.test(
      value,
    ) && URL.canParse(value);
  if (iriVerdicts.size >= MAX_IRI_VERDICTS) iriVerdicts.clear();
  iriVerdicts.set(value, verdict);
  return verdict;
}

const DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:Z|[+-](\d{2}):(\d{2}))$/i;

/** True for an RFC 3339 date-time with a time zone, as `xsd:dateTime` in the model wants. */
export function isDateTime(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE_TIME.exec(value);
  if (!m) return false;
  const part = (i: number) => Number(m[i] ?? 0);
  const [year, month, day] = [part(1), part(2), part(3)];
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    part(4) <= 23 &&
    part(5) <= 59 &&
    // 60 for a leap second, which RFC 3339 allows.
    part(6) <= 60 &&
    part(7) <= 23 &&
    part(8) <= 59
  );
}

/** True for a language tag whose primary subtag is two or three lower-case letters (BCP 47). */
export function isLanguageTag(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(value)
  );
}

/**
 * A browser's language setting (`navigator.language`, as reports store it) as a BCP 47 tag
 * with a lower-case primary subtag, or undefined when it is not one.
 */
export function languageTag(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (!languageTags.has(value)) {
    if (languageTags.size >= 1000) languageTags.clear();
    languageTags.set(value, canonicalLanguageTag(value));
  }
  return languageTags.get(value);
}

/** Tags already worked out: reports carry few distinct languages, and canonicalising is slow. */
const languageTags = new Map<string, string | undefined>();

function canonicalLanguageTag(value: string): string | undefined {
  try {
    // The platform's own BCP 47 canonicaliser: `EN_gb` is `en-GB`.
    const [tag] = Intl.getCanonicalLocales(value.trim().replace(/_/g, '-'));
    return isLanguageTag(tag) ? tag : undefined;
  } catch {
    return undefined;
  }
}

/** True for a media type under one of the registered top-level types (RFC 6838). */
export function isMediaType(value: unknown): value is string {
  return (
    typeof value === 'string' &&
    /^(?:application|audio|example|font|image|message|model|multipart|text|video)\/[\w.+-]+$/.test(
      value,
    )
  );
}

/** Characters no text in the export may carry, and what they become. */
const UNREPRESENTABLE =
  // eslint-disable-next-line no-control-regex -- these controls are exactly what is replaced
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Stored text made safe for every JSON-LD and RDF tool: unpaired surrogates (not Unicode
 * text at all) and control characters other than tab and line breaks (which XML-based RDF
 * formats cannot carry) become U+FFFD. `repaired` says whether anything changed.
 */
export function cleanText(value: unknown): { text: string; repaired: boolean } {
  if (typeof value !== 'string') return { text: '', repaired: value != null };
  const text = value.replace(UNREPRESENTABLE, '\ufffd');
  return { text, repaired: text !== value };
}

/**
 * Finds UK personal identifiers in free text before a report is saved (docs/privacy.md). Pure: no
 * DOM, no globals, so it runs the same in the popup, the annotator and tests.
 */

/** The kinds of identifier the check knows. */
export type FindingKind =
  'nhs-number' | 'ni-number' | 'email' | 'phone' | 'postcode' | 'card-number';

/** One identifier found, as offsets into the text that was checked. */
export interface Finding {
  kind: FindingKind;
  /** Offset of the first character. */
  start: number;
  /** Offset just past the last character. */
  end: number;
}

/** Does this 10-digit string carry a valid NHS modulus-11 check digit? */
export function isValidNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/** Does this digit string pass the Luhn check used by payment cards? */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/.test(digits)) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = Number(digits[i]);
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

// Boundaries use lookarounds rather than \b so that "ref12345678901" is not read as a number.
const EMAIL =
  /(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?![\w-])/g;
// NHS numbers are written 3-3-4, with spaces, hyphens or nothing between the groups.
const NHS = /(?<![\d\w])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d\w])/g;
// HMRC's rules: no D, F, I, Q, U or V in either prefix letter, no O second, and the prefixes
// BG, GB, KN, NK, NT, TN and ZZ are never issued; the suffix is A–D.
const NI =
  /(?<![A-Za-z0-9])(?!BG|GB|KN|NK|NT|TN|ZZ)([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])\s?(\d{2})\s?(\d{2})\s?(\d{2})\s?([A-D])(?![A-Za-z0-9])/gi;
// Card numbers: 13–19 digits, optionally in groups of 4 separated by one space or hyphen.
const CARD = /(?<![\d\w])\d(?:[ -]?\d){12,18}(?![\d\w])/g;
// UK phone numbers: +44 or 0, then 9–10 more digits, with common spacing and brackets.
const PHONE =
  /(?<![\d\w+])(?:\+44\s?\(?0?\)?\s?|\(?0)(?:\d[\s-]?\)?){8,9}\d(?![\d\w])/g;
// Postcodes in the Royal Mail formats (A9 9AA, A99 9AA, A9A 9AA, AA9 9AA, AA99 9AA, AA9A 9AA).
const POSTCODE =
  /(?<![A-Za-z0-9])(?:[A-PR-UWYZ][0-9][0-9A-HJKPSTUW]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9ABEHMNPRVWXY]?)\s?[0-9][ABD-HJLNP-UW-Z]{2}(?![A-Za-z0-9])/gi;

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) yield m;
}

const digitsOf = (s: string) => s.replace(/\D/g, '');

/**
 * Lists the UK personal identifiers in `text`, in order of position. Checksummed kinds are
 * only reported when the checksum holds, so ordinary reference numbers are not flagged.
 */
export function findPersonalData(text: string): Finding[] {
  const found: Finding[] = [];
  const taken = (start: number, end: number) =>
    found.some((f) => start < f.end && end > f.start);
  const add = (kind: FindingKind, start: number, end: number) => {
    if (!taken(start, end)) found.push({ kind, start, end });
  };

  for (const m of matches(EMAIL, text))
    add('email', m.index, m.index + m[0].length);
  for (const m of matches(NI, text))
    add('ni-number', m.index, m.index + m[0].length);
  for (const m of matches(NHS, text)) {
    if (isValidNhsNumber(digitsOf(m[0])))
      add('nhs-number', m.index, m.index + m[0].length);
  }
  for (const m of matches(CARD, text)) {
    const digits = digitsOf(m[0]);
    if (digits.length >= 13 && passesLuhn(digits)) {
      add('card-number', m.index, m.index + m[0].length);
    }
  }
  for (const m of matches(PHONE, text)) {
    const digits = digitsOf(m[0]);
    const national = digits.startsWith('44')
      ? digits.slice(2).replace(/^0/, '')
      : digits.slice(1);
    if (
      national.length >= 9 &&
      national.length <= 10 &&
      /^[1-37-9]/.test(national)
    ) {
      add('phone', m.index, m.index + m[0].length);
    }
  }
  for (const m of matches(POSTCODE, text))
    add('postcode', m.index, m.index + m[0].length);

  return found.sort((a, b) => a.start - b.start);
}

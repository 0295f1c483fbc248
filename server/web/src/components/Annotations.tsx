import type {
  AnchorQuality,
  AnnotationSeen,
  LastSeen,
} from '../../../../protocol/anchoring';
import type { ScreenshotInfo } from '../../../../protocol/report';
import { formatTime } from '../labels';

/**
 * What a reviewer is told of a note that was not found as written when its page was last
 * open: the annotator's own words for a changed passage, and its "possibly fixed" for a lost
 * one. Found as written needs no word.
 */
export const LAST_SEEN_TEXT: Partial<Record<AnchorQuality, string>> = {
  fuzzy: 'The text here changed slightly',
  contextual: 'Found by its surroundings',
  missing:
    'Not found on the page when last checked — possibly fixed, please re-check',
};

/** How the note anchored when last seen, in words; nothing when it was found as written. */
function LastSeenNote({ seen }: { seen: LastSeen | undefined }) {
  const text = seen && LAST_SEEN_TEXT[seen.quality];
  if (!seen || !text) return null;
  return (
    <p class={`govuk-body-s snag-seen snag-seen--${seen.quality}`}>
      {text}
      <span class="snag-seen__when">
        {seen.quality === 'missing' ? ' (' : ' — '}last checked{' '}
        <time dateTime={seen.at}>{formatTime(seen.at)}</time>
        {seen.quality === 'missing' ? ')' : ''}
      </span>
    </p>
  );
}

/** One note: its number, what it points at, the reporter's words and how it was last found. */
function Note({
  annotation: a,
  number,
}: {
  annotation: AnnotationSeen;
  number: number;
}) {
  const quote = a.selectors.find((s) => s.type === 'TextQuoteSelector');
  const css = a.selectors.find((s) => s.type === 'CssSelector');
  return (
    <li
      class={`snag-annotation${
        a.lastSeen ? ` snag-annotation--${a.lastSeen.quality}` : ''
      }`}
    >
      <span class="snag-pin" aria-hidden="true">
        {number}
      </span>
      <div>
        <p class="govuk-body-s snag-meta">
          {a.kind === 'text' ? 'Highlighted text' : 'Pinned element'}
        </p>
        {quote && quote.type === 'TextQuoteSelector' && (
          <blockquote class="snag-quote snag-break">
            {quote.prefix ? (
              <span class="snag-context">…{quote.prefix}</span>
            ) : null}
            <mark>{quote.exact}</mark>
            {quote.suffix ? (
              <span class="snag-context">{quote.suffix}…</span>
            ) : null}
          </blockquote>
        )}
        {!quote && css && css.type === 'CssSelector' && (
          <p class="govuk-body-s snag-break">
            Element: <code>{css.value}</code>
          </p>
        )}
        {a.note && <p class="govuk-body snag-prewrap snag-break">{a.note}</p>}
        <LastSeenNote seen={a.lastSeen} />
      </div>
    </li>
  );
}

/** Props of {@link Annotations}. */
export interface AnnotationsProps {
  /** The notes pinned to the page, in the order the reporter made them. */
  annotations: AnnotationSeen[];
  /** The masked screenshot and where to load it from, if the report has one. */
  screenshot: { info: ScreenshotInfo; src: string } | null;
}

/**
 * The reporter's notes with their quotes, numbered in the order made, and the masked
 * screenshot. The extension draws each note's number into the screenshot as a pin, so the
 * list's numbers are the key to the image. Each note says, in words, if it was not found as
 * written when its page was last open; a changed passage is also drawn dashed, as on the page.
 */
export default function Annotations({
  annotations,
  screenshot,
}: AnnotationsProps) {
  return (
    <section aria-labelledby="annotations-heading" class="snag-section">
      <h2 class="govuk-heading-m" id="annotations-heading">
        Notes on the page
      </h2>
      {annotations.length === 0 ? (
        <p class="govuk-body">The reporter did not pin any notes.</p>
      ) : (
        <ol class="snag-annotations">
          {annotations.map((a, i) => (
            <Note key={a.id} annotation={a} number={i + 1} />
          ))}
        </ol>
      )}
      {screenshot && (
        <figure class="snag-screenshot">
          <div class="snag-screenshot__frame">
            <img
              src={screenshot.src}
              alt="Screenshot of the page, with private areas masked"
              width={screenshot.info.width}
              height={screenshot.info.height}
              loading="lazy"
            />
          </div>
          <figcaption class="govuk-body-s">
            The numbered pins on the screenshot match the numbered notes.{' '}
            {screenshot.info.redactions.length === 0
              ? 'No areas needed masking.'
              : `${screenshot.info.redactions.length} masked ${
                  screenshot.info.redactions.length === 1 ? 'area' : 'areas'
                }, covered with opaque boxes on the reporter’s device.`}
          </figcaption>
        </figure>
      )}
    </section>
  );
}

import { linkify } from '../linkify';

/** Props of {@link LinkedText}. */
export interface LinkedTextProps {
  /** Plain text written by a person; it is never parsed as markup. */
  text: string;
}

/** Shows plain text with its web addresses as links, built from text nodes and `<a>` elements. */
export default function LinkedText({ text }: LinkedTextProps) {
  return (
    <>
      {linkify(text).map((part, i) =>
        part.kind === 'link' ? (
          <a
            key={i}
            class="govuk-link"
            href={part.href}
            rel="noopener noreferrer"
            target="_blank"
          >
            {part.text}
            <span class="govuk-visually-hidden"> (opens in new tab)</span>
          </a>
        ) : (
          part.text
        ),
      )}
    </>
  );
}

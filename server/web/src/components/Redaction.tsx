import { useState } from 'preact/hooks';
import { paths, type ReportDetail } from '../../../../protocol/api';
import type { RedactionInput } from '../../../../protocol/need-to-know';
import { describeError, request } from '../api';

/** Props of {@link Redaction}. */
export interface RedactionProps {
  /** The report being reviewed. */
  report: ReportDetail;
  /** Called with the report as it stands after a redaction or clearing. */
  onChanged: (report: ReportDetail) => void;
  // Test seams
  /** Where the reviewer's selection is read from. */
  selection?: () => Selection | null;
}

/** The attribute that marks an element whose text is one redactable field. */
export const FIELD_ATTRIBUTE = 'data-snag-field';

/**
 * The field and character offsets the selection covers, when it lies within one element
 * marked with {@link FIELD_ATTRIBUTE} (whose text is exactly the field's text).
 */
export function selectedRange(
  selection: Selection | null,
): RedactionInput | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed)
    return null;
  const range = selection.getRangeAt(0);
  const start = range.startContainer;
  const holder = (
    start instanceof Element ? start : start.parentElement
  )?.closest(`[${FIELD_ATTRIBUTE}]`);
  if (!holder || !holder.contains(range.endContainer)) return null;
  const field = holder.getAttribute(FIELD_ATTRIBUTE);
  if (field !== 'trying' && field !== 'whatHappened') return null;
  const before = range.cloneRange();
  before.selectNodeContents(holder);
  before.setEnd(range.startContainer, range.startOffset);
  const offset = before.toString().length;
  return { field, start: offset, end: offset + range.toString().length };
}

/** Redact selected text, remove the screenshot, or clear the personal-data flag. */
export default function Redaction({
  report,
  onChanged,
  selection = () => window.getSelection(),
}: RedactionProps) {
  const [message, setMessage] = useState<string | null>(null);
  const send = async (
    path: string,
    method: 'POST' | 'DELETE',
    body?: RedactionInput,
  ) => {
    try {
      const updated = await request<ReportDetail>(path, {
        method,
        ...(body ? { body } : {}),
      });
      setMessage(null);
      onChanged(updated);
    } catch (e) {
      setMessage(describeError(e));
    }
  };
  const redact = () => {
    const range = selectedRange(selection());
    if (!range) {
      setMessage(
        'Select the text to redact in “What were you trying to do?” or “What got in the way”, then choose Redact.',
      );
      return;
    }
    void send(paths.redactions(report.id), 'POST', range);
  };
  return (
    <section aria-labelledby="redaction-heading" class="snag-section">
      <h2 class="govuk-heading-m" id="redaction-heading">
        Personal data
      </h2>
      <p class="govuk-body-s">
        Redacting removes the original from the server for good; the history
        records who redacted which field.
      </p>
      {message && <p class="govuk-error-message">{message}</p>}
      <div class="govuk-button-group">
        <button
          type="button"
          class="govuk-button govuk-button--warning"
          onClick={redact}
        >
          Redact
        </button>
        {report.screenshot && (
          <button
            type="button"
            class="govuk-button govuk-button--secondary"
            onClick={() => {
              if (window.confirm('Remove this report’s screenshot for good?'))
                void send(paths.redactions(report.id), 'POST', {
                  field: 'screenshot',
                });
            }}
          >
            Remove screenshot
          </button>
        )}
        {report.personalData === 'flagged' && (
          <button
            type="button"
            class="govuk-button govuk-button--secondary"
            onClick={() => void send(paths.personalData(report.id), 'DELETE')}
          >
            No personal data here
          </button>
        )}
      </div>
    </section>
  );
}

/**
 * What a redaction means: the characters a reviewer selected in one field are replaced, and
 * nothing of them is kept, or the screenshot goes. Pure; the store reads the report, asks
 * here, and writes what comes back (`sql/redactions.ts`).
 */
import { REDACTED, type RedactionInput } from '../../protocol/need-to-know';
import type { ReportInput } from '../../protocol/report';
import type { Read } from './read';

/** What a redaction changes: the report's body, or one comment's body. */
export type RedactionPlan =
  | { kind: 'body'; body: ReportInput; field: string }
  | { kind: 'comment'; commentId: string; body: string; field: string }
  | { kind: 'screenshot'; body: ReportInput; field: 'screenshot' };

/** `text` with `start`–`end` replaced by {@link REDACTED}, or why the range is wrong. */
export function redactRange(
  text: string,
  start: number,
  end: number,
): Read<string> {
  if (end <= start || end > text.length)
    return {
      ok: false,
      message: `body.end: the selection must lie within the text (0–${text.length}) and not be empty`,
    };
  return {
    ok: true,
    value: `${text.slice(0, start)}${REDACTED}${text.slice(end)}`,
  };
}

/** The annotation a note or quote redaction names. */
function annotationIndex(body: ReportInput, itemId: string | undefined) {
  const index = body.annotations.findIndex((a) => a.id === itemId);
  return index;
}

/** Redacts a note, or the quoted text (and its context) of a text annotation. */
function redactAnnotation(
  body: ReportInput,
  input: Extract<RedactionInput, { start: number }>,
): Read<RedactionPlan> {
  const index = annotationIndex(body, input.itemId);
  const annotation = body.annotations[index];
  if (!annotation)
    return { ok: false, message: 'body.itemId: no annotation has this id' };
  const field = `${input.field}:${annotation.id}`;
  if (input.field === 'note') {
    const note = redactRange(annotation.note, input.start, input.end);
    if (!note.ok) return note;
    const annotations = body.annotations.with(index, {
      ...annotation,
      note: note.value,
    });
    return {
      ok: true,
      value: { kind: 'body', body: { ...body, annotations }, field },
    };
  }
  const quote = annotation.selectors.find(
    (s) => s.type === 'TextQuoteSelector',
  );
  if (!quote)
    return {
      ok: false,
      message: 'body.itemId: this annotation quotes no text',
    };
  const exact = redactRange(quote.exact, input.start, input.end);
  if (!exact.ok) return exact;
  // The context either side may hold the rest of what was redacted: it goes too.
  const selectors = annotation.selectors.map((s) =>
    s === quote
      ? { type: s.type, exact: exact.value, prefix: '', suffix: '' }
      : s,
  );
  const annotations = body.annotations.with(index, {
    ...annotation,
    selectors,
  });
  return {
    ok: true,
    value: { kind: 'body', body: { ...body, annotations }, field },
  };
}

/**
 * Plans a redaction of `body` (and, for a comment, the comment's text). Offsets are into the
 * field's text as the API returns it.
 */
export function planRedaction(
  body: ReportInput,
  input: RedactionInput,
  comment: { id: string; body: string } | null,
): Read<RedactionPlan> {
  if (input.field === 'screenshot') {
    const { screenshot: _gone, ...rest } = body;
    return {
      ok: true,
      value: { kind: 'screenshot', body: rest, field: 'screenshot' },
    };
  }
  switch (input.field) {
    case 'trying':
    case 'whatHappened': {
      const text = redactRange(body[input.field], input.start, input.end);
      if (!text.ok) return text;
      return {
        ok: true,
        value: {
          kind: 'body',
          body: { ...body, [input.field]: text.value },
          field: input.field,
        },
      };
    }
    case 'title': {
      const title = redactRange(body.page.title, input.start, input.end);
      if (!title.ok) return title;
      return {
        ok: true,
        value: {
          kind: 'body',
          body: { ...body, page: { ...body.page, title: title.value } },
          field: 'title',
        },
      };
    }
    case 'comment': {
      if (!comment || comment.id !== input.itemId)
        return {
          ok: false,
          message: 'body.itemId: no comment on this report has this id',
        };
      const text = redactRange(comment.body, input.start, input.end);
      if (!text.ok) return text;
      return {
        ok: true,
        value: {
          kind: 'comment',
          commentId: comment.id,
          body: text.value,
          field: `comment:${comment.id}`,
        },
      };
    }
    default:
      return redactAnnotation(body, input);
  }
}

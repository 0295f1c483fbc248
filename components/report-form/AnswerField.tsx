import type { RefObject } from 'preact';
import FieldError, { errorId } from './FieldError';

/** Props of one of the report's two free-text answers. */
export interface AnswerFieldProps {
  /** Which answer, for its message. */
  field: 'trying' | 'whatHappened';
  /** The element id, unique on the page (several forms may be open). */
  id: string;
  label: string;
  rows: number;
  value: string;
  /** Why the answer cannot be saved as it is, if it cannot. */
  error?: string;
  fieldRef: RefObject<HTMLTextAreaElement | null>;
  onInput: (value: string) => void;
}

/** A labelled text answer with its message, tied together for screen readers. */
export default function AnswerField(props: AnswerFieldProps) {
  return (
    <>
      <label class="block" for={props.id}>
        {props.label}
      </label>
      <FieldError field={props.field} message={props.error} />
      <textarea
        id={props.id}
        ref={props.fieldRef}
        rows={props.rows}
        maxLength={5000}
        value={props.value}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? errorId(props.field) : undefined}
        onInput={(e) => props.onInput(e.currentTarget.value)}
      />
    </>
  );
}

import { t } from '@/utils/i18n';
import type { DraftField } from '@/utils/report-draft';

/** The id of a field's message, for the field's `aria-describedby`. */
export const errorId = (field: DraftField) => `report-error-${field}`;

/** Props of a field's validation message. */
export interface FieldErrorProps {
  /** The field the message belongs to. */
  field: DraftField;
  /** The message; nothing is drawn without one. */
  message?: string;
}

/** A field's validation message, announced as an error to screen readers. */
export default function FieldError(props: FieldErrorProps) {
  if (!props.message) return null;
  return (
    <p class="error" id={errorId(props.field)}>
      <span class="visually-hidden">{t('errorPrefix')} </span>
      {props.message}
    </p>
  );
}

import type { Annotation } from '@/protocol/report';
import { t } from '@/utils/i18n';
import FieldError from './FieldError';

/** Props of the list of what the reporter pointed at on the page. */
export interface AnnotationNotesProps {
  annotations: Annotation[];
  /** Why the annotations cannot be saved as they are, if they cannot. */
  error?: string;
  /** Replaces the list (a note edited, an annotation removed). */
  onChange: (annotations: Annotation[]) => void;
  /** Called when the reporter removes an annotation. */
  onRemove?: (id: string) => void;
}

/** The numbered annotations, each with its quote, a note to write and a remove button. */
export default function AnnotationNotes(props: AnnotationNotesProps) {
  const { annotations } = props;
  if (annotations.length === 0) return null;
  return (
    <fieldset>
      <legend>{t('annotationsLegend')}</legend>
      <FieldError field="annotations" message={props.error} />
      <ol class="annotations">
        {annotations.map((a, i) => {
          const quote = a.selectors.find((s) => s.type === 'TextQuoteSelector');
          return (
            <li key={a.id}>
              <span class="pin-number" aria-hidden="true">
                {i + 1}
              </span>
              {quote && <q class="quote">{quote.exact}</q>}
              <label class="block">
                {t('noteLabel', String(i + 1))}
                <textarea
                  rows={2}
                  maxLength={2000}
                  value={a.note}
                  onInput={(e) => {
                    const note = e.currentTarget.value;
                    props.onChange(
                      annotations.map((x) =>
                        x.id === a.id ? { ...x, note } : x,
                      ),
                    );
                  }}
                />
              </label>
              <button
                type="button"
                class="link"
                onClick={() => {
                  props.onChange(annotations.filter((x) => x.id !== a.id));
                  props.onRemove?.(a.id);
                }}
              >
                {t('removeAnnotation', String(i + 1))}
              </button>
            </li>
          );
        })}
      </ol>
    </fieldset>
  );
}
